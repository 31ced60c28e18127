// Import from a spreadsheet (decision 019), step 1: download a template, upload the filled file. The upload is read
// and kept for its preview (step 2, $importId.tsx); nothing reaches venues or activities here.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS } from '~/models/spreadsheet-import/limits'
import { IMPORT_KINDS, importKindLabel, tooLargeMessage, uploadSchema } from '~/models/spreadsheet-import/schema'
import { saveUpload } from '~/models/spreadsheet-import/spreadsheet-import.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = () => adminMeta('从表格导入')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return json({ maxMegabytes: IMPORT_MAX_FILE_BYTES / 1024 / 1024, maxRows: IMPORT_MAX_ROWS })
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => uploadSchema,
    access: { staff: requireStaff },
    // The file part over the limit is read and dropped, the form's token still arrives: nothing is kept.
    files: { file: { kinds: ['spreadsheet'], maxBytes: IMPORT_MAX_FILE_BYTES, tooLarge: tooLargeMessage } },
    async submit({ kind, file }, { actor }) {
      const saved = await saveUpload(actor, kind, file.name, new Uint8Array(await file.arrayBuffer()))
      if (!saved.ok) throw new Refusal(saved.message, 'file', 400)
      return redirect(`/admin/import/${saved.id}`)
    },
  })
}

export default function ImportPage() {
  const { maxMegabytes, maxRows } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const navigation = useNavigation()
  const [form, fields] = useZodForm(uploadSchema, { id: 'import-upload', lastResult: result })
  const reading = navigation.state === 'submitting' && navigation.formAction === '/admin/import'
  return (
    <article className="admin-page">
      <h1>从表格导入</h1>
      <section aria-labelledby="import-templates">
        <h2 id="import-templates">1. 下载模板</h2>
        <p>
          模板的第一行是列名，带「必填」说明的列不能空；类型、级别、类别和区可在下拉列表中选择，各区的街镇见「选项」表。
          再次导入同一文件不会重复添加：每一行按「编号」找到上次导入的记录，内容有变化才更新。
        </p>
        <ul>
          <li>
            <a href="/admin/import/template.xlsx?kind=venues" download>
              场馆导入模板（.xlsx）
            </a>
            ：每个场馆一行。
          </li>
          <li>
            <a href="/admin/import/template.xlsx?kind=events" download>
              活动和场次导入模板（.xlsx）
            </a>
            ：每个场次一行，同一活动的各行用同一个「活动编号」，活动信息相同。
          </li>
        </ul>
      </section>
      <section aria-labelledby="import-upload-heading">
        <h2 id="import-upload-heading">2. 上传填好的文件</h2>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack-form">
          <CsrfInput />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset
            className={`field${fields.kind.errors ? ' has-error' : ''}`}
            aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}
          >
            <legend>表格内容</legend>
            {IMPORT_KINDS.map((kind) => (
              <label key={kind} className="choice">
                <input type="radio" name={fields.kind.name} value={kind} defaultChecked={(fields.kind.initialValue ?? 'venues') === kind} />{' '}
                {importKindLabel[kind]}
              </label>
            ))}
            {fields.kind.errors ? (
              <p id={fields.kind.errorId} className="field-error">
                {fields.kind.errors[0]}
              </p>
            ) : null}
          </fieldset>
          <Field label="文件" hint={`.xlsx 或 .csv，最大 ${maxMegabytes} MB，最多 ${maxRows} 行。`} meta={fields.file}>
            <input
              {...getInputProps(fields.file, { type: 'file' })}
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            />
          </Field>
          <button type="submit" className="button primary" disabled={reading}>
            上传并预览
          </button>
          {reading ? (
            <p role="status">
              <progress aria-label="正在读取文件" /> 正在读取和检查文件，请稍候……
            </p>
          ) : null}
        </Form>
      </section>
    </article>
  )
}
