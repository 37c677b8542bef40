/**
 * Imported first by each of the bot's child processes (the digest's, the chart's, Cost Explorer's),
 * before anything slow to load. Heroku sends SIGTERM to every process of a dyno, and a terminal's
 * Ctrl-C reaches the whole group: the bot's graceful stop decides how long the work goes on, and when
 * the bot exits, the child follows. Node itself catches SIGTERM from its first instant, ending the
 * process, until a handler of ours is in place: loading the AWS SDK or the digest first left it
 * ~100–200 ms exposed. Imports nothing.
 */
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
// The bot is gone (stopped, or killed): nothing is waiting for this work.
process.on('disconnect', () => process.exit(0));
