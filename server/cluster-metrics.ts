// /metrics for all the server processes of an instance (issue 17): a process asked for it passes the question to the
// cluster's primary, which collects every process's registry over IPC (prom-client's AggregatorRegistry) and answers
// with the sums. One process alone (PGlite, WEB_CONCURRENCY=1) answers from its own registry.
import cluster from 'node:cluster'
import { randomUUID } from 'node:crypto'
import { AggregatorRegistry } from 'prom-client'
import type { Registry } from 'prom-client'

type Ask = { type: 'kepu:metrics?'; id: string }
type Answer = { type: 'kepu:metrics'; id: string; text?: string; error?: string }
const isAnswer = (message: unknown): message is Answer => (message as Answer)?.type === 'kepu:metrics'

/** In the primary: answers the processes' questions with every process's metrics, summed. */
export function serveClusterMetrics() {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: Ask) => {
    if (message?.type !== 'kepu:metrics?') return
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: 'kepu:metrics', id: message.id, text } satisfies Answer),
      (error: Error) => worker.send({ type: 'kepu:metrics', id: message.id, error: error.message } satisfies Answer),
    )
  })
}

/** In a server process: reports `registry` when the primary collects, and reads the instance's metrics. */
export function clusterMetricsReader(registry: Registry): () => Promise<string> {
  if (!cluster.isWorker) return () => registry.metrics()
  AggregatorRegistry.setRegistries([registry])
  new AggregatorRegistry() // adds prom-client's listener that answers the primary
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID()
      const timer = setTimeout(() => finish(new Error('the primary did not answer with the metrics')), 10_000)
      const onMessage = (message: unknown) => {
        if (isAnswer(message) && message.id === id) finish(message.error ? new Error(message.error) : undefined, message.text)
      }
      function finish(error?: Error, text?: string) {
        clearTimeout(timer)
        process.off('message', onMessage)
        if (error) reject(error)
        else resolve(text ?? '')
      }
      process.on('message', onMessage)
      process.send!({ type: 'kepu:metrics?', id } satisfies Ask)
    })
}
