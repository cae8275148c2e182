import { gatewayOptionsFromEnv, startGateway } from './index';

/** `node dist/apps/gateway/src/main.js`: the local gateway on the environment's settings. */
async function main(): Promise<void> {
  const gateway = await startGateway(gatewayOptionsFromEnv());
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Under npm start: the supervisor's pipe on stdin closes when it dies, even by SIGKILL, and so do we.
  if (process.env.STOP_WITH_PARENT === '1') process.stdin.once('end', stop).resume();
}

main().catch((error: unknown) => {
  console.error(`[gateway] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
