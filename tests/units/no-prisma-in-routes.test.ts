// Routes stay thin (issue 25, item 5): a route module loads, guards, calls a model and renders; it never queries the
// database itself. This scan fails when any module under app/routes (routes and their private `__` modules alike)
// imports `prisma` from db.server, so a new query lands in the feature's model under app/models instead.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const routesDir = path.resolve(__dirname, '../../app/routes')

/**
 * The only route modules still allowed to import `prisma`, relative to app/routes. Shrink it, never grow it.
 * - The competitions and bases routes: their queries move to app/models/competitions and app/models/bases in the
 *   work on those features that is under way; delete each line when its module stops importing `prisma`.
 * - healthz: infrastructure, not a feature; it asks the database itself whether it answers.
 */
const allowed = new Set([
  // Still to move (competitions).
  '_competitions+/c.$code.ts',
  '_competitions+/competitions.$slug_.signup.tsx',
  '_competitions+/competitions.$slug_.teams.$code.tsx',
  'admin+/competitions+/$competitionId.tsx',
  // Still to move (bases).
  'admin+/bases+/_index.tsx',
  'admin+/bases+/reviews._index.tsx',
  // Infrastructure.
  '_resources+/healthz.ts',
])

const routeModules = (readdirSync(routesDir, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => f.split(path.sep).join('/'))
  .sort()

/** Whether a module imports the `prisma` client (by name, renamed, or the whole db.server module as a namespace). */
function importsPrisma(file: string): boolean {
  const source = ts.createSourceFile(file, readFileSync(path.join(routesDir, file), 'utf8'), ts.ScriptTarget.Latest)
  return source.statements.some((statement) => {
    if (ts.isExportDeclaration(statement)) {
      if (!fromDbServer(statement.moduleSpecifier)) return false
      const clause = statement.exportClause
      return !clause || (ts.isNamedExports(clause) && clause.elements.some((e) => (e.propertyName ?? e.name).text === 'prisma'))
    }
    if (!ts.isImportDeclaration(statement) || !fromDbServer(statement.moduleSpecifier)) return false
    const bindings = statement.importClause?.namedBindings
    if (!bindings) return false
    if (ts.isNamespaceImport(bindings)) return true
    return bindings.elements.some((e) => (e.propertyName ?? e.name).text === 'prisma')
  })
}

const fromDbServer = (from: ts.Expression | undefined) => !!from && ts.isStringLiteral(from) && /(^|\/)infra\/db\.server$/.test(from.text)

describe('route modules and the database', () => {
  it('finds the route modules it scans', () => {
    expect(routeModules.length).toBeGreaterThan(50)
    for (const file of allowed) expect(routeModules, `${file} is on the allow-list but does not exist`).toContain(file)
  })

  it('no route module imports prisma outside the allow-list', () => {
    const offenders = routeModules.filter((f) => !allowed.has(f) && importsPrisma(f))
    expect(offenders, 'move these queries into a named function in the feature model under app/models').toEqual([])
  })

  it('every module on the allow-list still needs its place there', () => {
    const stale = [...allowed].filter((f) => !importsPrisma(f))
    expect(stale, 'these no longer import prisma: remove them from the allow-list').toEqual([])
  })
})
