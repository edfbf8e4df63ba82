/**
 * Vitest global setup: builds the renderer the end-to-end tests serve (out/renderer) once, before
 * any worker starts, when the run includes them and the build is stale. Without it every e2e file
 * that starts while the build is missing builds it on its own: in a clean clone with more than one
 * worker, two files built the same output at once, each on the clock of its beforeAll.
 * test/e2e/support.ts still checks (a file run on its own, or a stale build mid-run).
 */
import type { TestProject } from 'vitest/node'
import { buildRendererIfStale } from '../../src/main/web/renderer-build'

const E2E = /[\\/]test[\\/]e2e[\\/]/

export async function setup(project: TestProject): Promise<void> {
  if (!project.vitest.state.getPaths().some((path) => E2E.test(path))) return
  await buildRendererIfStale(project.config.root)
}
