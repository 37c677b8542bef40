import { AWS_HOURS_PER_MONTH } from '../money';

/**
 * An Application Load Balancer's average LCUs for the traffic it serves. AWS bills the LCU-hours of the
 * largest of its dimensions, and one LCU is 1 GB an hour of processed bytes for EC2 instances, containers
 * and IP addresses as targets (Elastic Load Balancing pricing, https://aws.amazon.com/elasticloadbalancing/pricing/).
 * So the egress it sends out (responses, a lower bound of what it processes) sets a floor: 20 TB a month
 * is 27.4 LCUs, where `assumed` (1 by default) stands for a small app's connections and rule evaluations.
 */
export function albLcuFor(egressGbPerMonth: number, assumed: number): number {
  const byBytes = Math.round((egressGbPerMonth / AWS_HOURS_PER_MONTH) * 1000) / 1000;
  return Math.max(assumed, byBytes);
}
