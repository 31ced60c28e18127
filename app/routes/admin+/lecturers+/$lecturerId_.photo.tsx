// A lecturer's photo uploaded by roster staff (decision 034): the storage module checks it by content, resizes it
// and strips its metadata; a refused file changes nothing and the message stands next to the field.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { findLecturerForStaff, requireRosterStaff, setLecturerPhotoByStaff } from '~/models/lecturers/roster.server'
import { readPhotoForm } from '~/routes/_lecturers+/__photo-upload.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/http-errors'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { Refusal } from '~/utils/refusal'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`讲师照片：${data?.lecturer.name ?? ''}`)

async function load(request: Request, lecturerId: string | undefined) {
  const staff = await requireStaff(request)
  requireRosterStaff(staff)
  const lecturer = await findLecturerForStaff(staff, lecturerId ?? '')
  if (!lecturer) throw notFound('找不到这位讲师，或不在你的管理范围内。')
  return { staff, lecturer }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lecturer } = await load(request, params.lecturerId)
  return json({
    lecturer: { id: lecturer.id, name: lecturer.name, photoFileId: lecturer.photoFileId },
    maxMegabytes: IMAGE_MAX_BYTES / 1024 / 1024,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, lecturer } = await load(request, params.lecturerId)
  try {
    const { formData, photo } = await readPhotoForm(request)
    await requireValidCsrf(request, formData)
    await setLecturerPhotoByStaff(staff, lecturer.id, photo)
    return json({ fieldError: null, message: '照片已更新。' })
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json({ fieldError: error.message, message: null }, { status: error.status })
  }
}

export default function LecturerPhotoAdminPage() {
  const { lecturer, maxMegabytes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/lecturers/${lecturer.id}`}>← {lecturer.name}</Link>
      </p>
      <h1>讲师照片：{lecturer.name}</h1>
      {actionData?.message ? (
        <p className="notice" role="status">
          {actionData.message}
        </p>
      ) : null}
      {lecturer.photoFileId ? (
        <img className="lecturer-photo" src={`/files/${lecturer.photoFileId}`} alt={`${lecturer.name}的照片`} width={160} height={160} />
      ) : (
        <p>还没有照片。</p>
      )}
      <Form method="post" encType="multipart/form-data" className="stack-form">
        <CsrfInput />
        <div className={`field${actionData?.fieldError ? ' has-error' : ''}`}>
          <label htmlFor="staff-lecturer-photo">照片</label>
          <input
            id="staff-lecturer-photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-invalid={actionData?.fieldError ? true : undefined}
            aria-describedby={actionData?.fieldError ? 'staff-lecturer-photo-error staff-lecturer-photo-hint' : 'staff-lecturer-photo-hint'}
          />
          <p id="staff-lecturer-photo-hint" className="hint">
            JPEG、PNG 或 WebP，最大 {maxMegabytes} MB。照片会被缩小，拍摄地点等信息会被去掉。
          </p>
          {actionData?.fieldError ? (
            <p id="staff-lecturer-photo-error" className="field-error" role="alert">
              {actionData.fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary">
          上传照片
        </button>
      </Form>
    </article>
  )
}
