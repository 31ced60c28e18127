/**
 * The environment for a child process (Prisma CLI, setup, server): this one's, without DATABASE_URL so
 * the embedded database is used unless `extra` names one, and without Prisma's update check.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  return { ...inherited, CHECKPOINT_DISABLE: '1', ...extra }
}
