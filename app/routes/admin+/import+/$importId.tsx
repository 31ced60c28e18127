// Import from a spreadsheet (decision 019), step 2: the preview of an upload, every problem named by row and column,
// and the import itself (all rows when none has a problem, or only the good ones), in one transaction.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { importActionSchema, importKindLabel } from '~/models/spreadsheet-import/schema'
import { discardUpload, findUpload, previewImport, runImport, type RowAction } from '~/models/spreadsheet-import/spreadsheet-import.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { orNotFound } from '~/utils/http-errors'
import { useFormReply } from '~/utils/use-form-reply'

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
  return handleForm(request, {
    schema: () => importActionSchema,
    access: {
      staff: async (request) => {
        const staff = await requireStaff(request)
        return { staff, upload: orNotFound(await findUpload(staff, params.importId ?? ''), NOT_FOUND) }
      },
    },
    async submit(value, { actor: { staff, upload }, done }) {
      if (value.intent === 'discard') {
        await discardUpload(staff, upload.id)
        return done('已放弃这个文件，没有导入任何内容。', '/admin/import')
      }
      const result = await runImport(staff, upload, { onlyGood: value.intent === 'import-good' })
      // Straight to what was imported, with its counts as the notice.
      const counts = `导入完成：新建 ${result.create} 行，更新 ${result.update} 行，未变 ${result.unchanged} 行${result.skipped ? `，跳过有问题的 ${result.skipped} 行` : ''}。`
      return upload.kind === 'venues' ? done(counts, '/admin/venues') : done(`${counts}导入的新活动是草稿，请检查后发布。`, '/admin/events')
    },
  })
}

const actionLabel: Record<RowAction | 'error', string> = { create: '新建', update: '更新', unchanged: '不变', error: '有问题' }

export default function ImportPreviewPage() {
  const preview = useLoaderData<typeof loader>()
  const { error } = useFormReply()
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
      <ActionNotices error={error} />
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
