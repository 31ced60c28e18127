// Attachments of a base's record (a 申报, a yearly report's evidence; decision 036): the list every reader of the
// record sees (name, size, who and when, a download link), and for the base while the record is theirs to edit, the
// upload form and a remove button per file. The posts go to the record's own action (`attach`, `detach`), through
// the form pipeline's upload step (`attachmentFiles`): a PDF or an image, checked by content.
import { getFormProps, getInputProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { formatBytes, formatShortDateTime } from '~/utils/format'
import { useLocale } from '~/utils/i18n'
import { BASE_ATTACHMENT_IMAGE_MAX_BYTES, BASE_ATTACHMENT_MAX_BYTES, BASE_ATTACHMENTS_MAX } from '~/utils/infra/storage/limits'
import { uploadField } from '~/utils/upload-field'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import type { TFunction } from 'i18next'

/** The upload step of the record's action: one file field, a PDF or an image, read up to the PDF limit. */
export const attachmentFiles = { file: { kinds: ['pdf', 'image'] as const, maxBytes: BASE_ATTACHMENT_MAX_BYTES } }

const attachSchema = (t: TFunction) => z.object({ intent: z.literal('attach'), file: uploadField(t) })

/** The two posts of the attachments, for the record's discriminated union of intents. */
export function attachmentIntents(t: TFunction) {
  return [
    attachSchema(t),
    z.object({ intent: z.literal('detach'), attachmentId: z.string().regex(/^[a-z0-9]{20,40}$/, '没有这个附件。') }),
  ] as const
}

/** What the file picker offers (the server decides by content whatever the picker allowed). */
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp,image/gif,image/heic,image/avif'

type Item = { id: string; fileName: string; byteSize: number; createdAt: string | Date; uploadedBy: string | null }

function RemoveButton({ item }: { item: Item }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="detach" />
      <input type="hidden" name="attachmentId" value={item.id} />
      <button type="submit" aria-label={`删除附件 ${item.fileName}`}>
        删除
      </button>
    </Form>
  )
}

export function Attachments({
  id,
  title,
  items,
  editable,
  lockedNote,
}: {
  id: string
  title: string
  items: Item[]
  /** The base, while the record is a draft/open or returned: may add and remove files. */
  editable: boolean
  /** Said when the files can no longer change. */
  lockedNote: string
}) {
  const { t } = useLocale()
  const attachReply = useFormReply('attach')
  const detachReply = useFormReply('detach')
  const schema = useMemo(() => attachSchema(t), [t])
  const [form, fields] = useZodForm(schema, { id: `${id}-form`, lastResult: attachReply.result })
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
  return (
    <section className="admin-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length ? (
        <ul className="attachment-list" data-testid="attachments">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`/admin/bases/attachments/${item.id}`} download={item.fileName}>
                {item.fileName}
              </a>{' '}
              <span className="meta">
                {formatBytes(item.byteSize)} · {item.uploadedBy ?? '已删除的账号'} · {formatShortDateTime(item.createdAt)}
              </span>
              {editable ? <RemoveButton item={item} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">还没有附件。</p>
      )}
      <ActionNotices error={detachReply.error} />
      {editable ? (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="attach" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label="上传附件"
            hint={`PDF（最大 ${mb(BASE_ATTACHMENT_MAX_BYTES)} MB）或图片（JPEG、PNG 等，最大 ${mb(BASE_ATTACHMENT_IMAGE_MAX_BYTES)} MB），最多 ${BASE_ATTACHMENTS_MAX} 个。按文件内容检查类型，改扩展名无效。`}
            meta={fields.file}
          >
            <input {...getInputProps(fields.file, { type: 'file' })} accept={ACCEPT} />
          </Field>
          <button type="submit">上传</button>
        </Form>
      ) : (
        <p className="hint">{lockedNote}</p>
      )}
    </section>
  )
}
