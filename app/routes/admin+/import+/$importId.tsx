// Import from a spreadsheet (decision 019), step 2: the preview of an upload, every problem named by row and column,
// and the import itself (all rows when none has a problem, or only the good ones), in one transaction.
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { importActionSchema, importKindLabel } from '~/models/spreadsheet-import/schema'
import { discardUpload, findUpload, previewImport, runImport, type RowAction } from '~/models/spreadsheet-import/spreadsheet-import.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { orNotFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'

export const meta: MetaFunction = () => adminMeta('导入预览')

const NOT_FOUND = '找不到这个上传的文件：它可能已经导入或被放弃，请重新上传。'
const SHOWN_PROBLEMS = 1000
const SHOWN_ROWS = 200

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const upload = orNotFound(await findUpload(staff, params.importId ?? ''), NOT_FOUND)
  const preview = await previewImport(staff, upload)
  return json(
    {
      ...preview,
      problems: preview.problems.slice(0, SHOWN_PROBLEMS),
      problemCount: preview.problems.length,
      rows: preview.rows.slice(0, SHOWN_ROWS),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const upload = orNotFound(await findUpload(staff, params.importId ?? ''), NOT_FOUND)
  const submission = parseWithZod(formData, { schema: importActionSchema })
  if (submission.status !== 'success') return json({ error: '请选择要做的事。' }, { status: 400 })
  switch (submission.value.intent) {
    case 'discard':
      await discardUpload(staff, upload.id)
      return redirect('/admin/import')
    case 'import-all':
    case 'import-good':
      try {
        const result = await runImport(staff, upload, { onlyGood: submission.value.intent === 'import-good' })
        return redirect(
          `/admin/import?${new URLSearchParams({ done: upload.kind, ...Object.fromEntries(Object.entries(result).map(([k, v]) => [k, String(v)])) })}`,
        )
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        return json({ error: error.message }, { status: error.status })
      }
  }
}

const actionLabel: Record<RowAction | 'error', string> = { create: '新建', update: '更新', unchanged: '不变', error: '有问题' }

export default function ImportPreviewPage() {
  const preview = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const importing = navigation.state !== 'idle' && navigation.formData?.get('intent')?.toString().startsWith('import')
  const bad = preview.rowCount - preview.goodRows
  const toImport = preview.counts.create + preview.counts.update
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/import">← 重新上传</Link>
      </p>
      <h1>导入预览：{preview.fileName}</h1>
      <ActionNotices error={actionData?.error} />
      <p>
        {importKindLabel[preview.kind]}表共 {preview.rowCount} 行：可新建 {preview.counts.create} 行，更新 {preview.counts.update} 行，未变{' '}
        {preview.counts.unchanged} 行{bad ? `；${bad} 行有问题` : '；没有问题'}。
      </p>
      {preview.problemCount ? (
        <section aria-labelledby="import-problems">
          <h2 id="import-problems">问题（{preview.problemCount} 个）</h2>
          <p>请在表格中修正后重新上传；或只导入没有问题的行，有问题的行留待以后。</p>
          <DataTable
            caption={preview.problemCount > preview.problems.length ? `只显示前 ${preview.problems.length} 个问题` : undefined}
            headings={['行', '列', '问题']}
          >
            {preview.problems.map((p, i) => (
              <tr key={i} className="import-problem">
                <td>第 {p.row} 行</td>
                <td>{p.column ?? '整行'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
      <Form method="post" className="stack-form">
        <CsrfInput />
        {bad === 0 ? (
          <button type="submit" name="intent" value="import-all" className="button primary" disabled={importing}>
            {toImport ? `导入全部 ${preview.rowCount} 行` : '没有需要更新的内容（确认）'}
          </button>
        ) : (
          <button type="submit" name="intent" value="import-good" className="button" disabled={importing || preview.goodRows === 0}>
            只导入没有问题的 {preview.goodRows} 行
          </button>
        )}
        <button type="submit" name="intent" value="discard" className="link-button" disabled={importing}>
          放弃这个文件
        </button>
        {importing ? (
          <p role="status">
            <progress aria-label="正在导入" /> 正在导入 {bad === 0 ? preview.rowCount : preview.goodRows}{' '}
            行，在一个事务中完成；请勿关闭页面……
          </p>
        ) : null}
      </Form>
      <section aria-labelledby="import-rows">
        <h2 id="import-rows">逐行结果</h2>
        <DataTable
          caption={
            preview.rowCount > preview.rows.length
              ? `只显示前 ${preview.rows.length} 行，共 ${preview.rowCount} 行`
              : `共 ${preview.rowCount} 行`
          }
          headings={['行', '编号', '名称', '结果']}
        >
          {preview.rows.map((r) => (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>{r.key || '—'}</td>
              <td>{r.label || '—'}</td>
              <td>{actionLabel[r.action]}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </article>
  )
}
