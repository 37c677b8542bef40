import type { AwsStack, HerokuStack } from './stacks';

/**
 * Which apps run on AWS in a public subnet, with no load balancer or NAT gateway: those (and the
 * staging or review copies) whose Heroku dynos are all Eco or Basic.
 *
 * Heroku runs Eco and Basic dynos one to a process type, with no horizontal scaling (Dev Center, Dyno
 * Types): such an app has one web dyno, so there is nothing for a load balancer to balance, and a
 * migration engineer gives it one instance that answers the internet itself, its web server terminating
 * TLS. An instance with a public IPv4 address in a subnet routed to the internet gateway reaches the
 * internet directly; a NAT gateway is only there "so that instances in a private subnet can connect to
 * services outside your VPC" (Amazon VPC User Guide, NAT gateways). Its database and cache stay in
 * private subnets, which need no NAT gateway (they open no connections out). Any Standard, Performance,
 * Private or Shield dyno (one that can be scaled out, or a regulated workload moved to Shield) keeps the
 * production layout: private subnets behind the load balancer, out through NAT gateways.
 */
export function runsInPublicSubnet(heroku: HerokuStack): boolean {
  let running = false;
  const { dynos } = heroku;
  for (let i = 0; i < dynos.length; i++) {
    const dyno = dynos[i];
    if (dyno.count <= 0) continue;
    const tier = dyno.spec?.tier;
    if (tier !== 'eco' && tier !== 'basic') return false;
    running = true;
  }
  return running;
}

/**
 * A web process on Fargate in a public subnet still has a load balancer in front of it (its tasks stay in
 * the public subnet, each with its own address for connections out, so still no NAT gateway). ECS gives
 * each Fargate task a network interface of its own, with a public address only as one assigned when the
 * task starts (Amazon ECS Developer Guide, task networking for Fargate); an automatically assigned public
 * address is released with it and cannot be kept (Amazon EC2 User Guide, public IPv4 addresses), and a
 * task cannot take an Elastic IP address, which is what keeps an EC2 web instance's address. So every
 * deploy or replaced task would change the app's address; a load balancer's DNS name does not change,
 * which is the way in that AWS recommends (Amazon ECS best practices, receiving inbound connections from
 * the internet). A worker needs no address anyone reaches, and stays without one.
 */
export function webBehindLoadBalancer(stack: AwsStack, web: boolean): boolean {
  if (!web) return false;
  for (const c of stack.compute) if (c.kind === 'fargate' && c.process === 'web' && c.count > 0) return true;
  return false;
}

/** The rule in the answer's words, with its sources (the estimate's and migrate's assumptions). */
export const PUBLIC_SUBNET_RULE =
  "An app that runs only Eco or Basic dynos (and each staging or review copy that does: review apps run Basic dynos) runs on AWS as its own instances in a public subnet, each with a public IPv4 address ($0.005/hour; a web instance's is an Elastic IP address, which stays when the instance is stopped or replaced), with no load balancer and no NAT gateway: Heroku runs Eco and Basic dynos one to a process type, with no horizontal scaling (Heroku Dev Center, Dyno Types), so one web instance serves and terminates TLS itself (its web server holds the certificate, e.g. from Let's Encrypt), and a NAT gateway is only for instances in private subnets to reach the internet (Amazon VPC User Guide, NAT gateways). Its database and cache stay in private subnets, which need no NAT gateway. Where the consolidated tiers pack several such apps onto one instance, its web server routes each by host name. An app with any Standard, Performance, Private or Shield dyno, or one scaled out, keeps the production layout: private subnets behind a load balancer, out through NAT gateways.";

/** Stated beside the rule when a web process in a public subnet runs on Fargate (`webBehindLoadBalancer`). */
export const FARGATE_WEB_RULE =
  "On Fargate, a web process in a public subnet keeps a load balancer in front of it (its tasks stay in the public subnet with their own addresses for connections out, so still no NAT gateway): a Fargate task gets its public address when it starts and loses it when it stops (Amazon ECS Developer Guide, task networking for Fargate; Amazon EC2 User Guide, public IPv4 addresses) and cannot take an Elastic IP address, so every deploy or replaced task would change the app's address, while the load balancer's name stays (Amazon ECS best practices, receiving inbound connections from the internet). A worker keeps no load balancer.";

/** The address line's item: `Public IPv4 address (1: the instance's own, in a public subnet)`. */
export function publicAddressItem(prefix: string, addresses: number, of: 'instance' | 'task'): string {
  const what = addresses === 1 ? `the ${of}'s own` : `one for each ${of === 'task' ? 'Fargate task' : 'instance'}`;
  return `${prefix}Public IPv4 address${addresses === 1 ? '' : 'es'} (${addresses}: ${what}, in a public subnet)`;
}
