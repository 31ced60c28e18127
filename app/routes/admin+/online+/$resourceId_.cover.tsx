// A resource's cover uploaded by its keepers (decision 037): the storage module checks it by content, re-encodes
// and resizes it with sharp and strips its metadata; a refused file changes nothing and the message stands next to
// the field.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { findResourceForStaff, requireOnlineStaff, setResourceCover } from '~/models/online/resources.server'
import { readPhotoForm } from '~/routes/_lecturers+/__photo-upload.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { notFound } from '~/utils/http-errors'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { Refusal } from '~/utils/refusal'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`资源封面：${data?.resource.title ?? ''}`)

async function load(request: Request, resourceId: string | undefined) {
  const staff = await requireStaff(request)
  requireOnlineStaff(staff)
  const resource = await findResourceForStaff(staff, resourceId ?? '')
  if (!resource) throw notFound('找不到这个资源，或不在你的管理范围内。')
  return { staff, resource }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { resource } = await load(request, params.resourceId)
  return json({
    resource: { id: resource.id, title: resource.title, coverFileId: resource.coverFileId },
    maxMegabytes: IMAGE_MAX_BYTES / 1024 / 1024,
  })
}

// A file upload: the multipart body is read here (the form pipeline reads url-encoded forms), after the same guard
// and CSRF check it makes.
export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, resource } = await load(request, params.resourceId)
  try {
    const { formData, photo } = await readPhotoForm(request, 'cover')
    await requireValidCsrf(request, formData)
    await setResourceCover(staff, resource.id, photo)
    return redirectWithToast(request, `/admin/online/${resource.id}`, '封面已更新。')
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return json({ fieldError: error.message }, { status: error.status })
  }
}

export default function OnlineCoverAdminPage() {
  const { resource, maxMegabytes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/online/${resource.id}`}>← {resource.title}</Link>
      </p>
      <h1>资源封面：{resource.title}</h1>
      {resource.coverFileId ? (
        <img className="resource-cover" src={`/files/${resource.coverFileId}`} alt={`${resource.title}的封面`} width={240} />
      ) : (
        <p>还没有封面。</p>
      )}
      <Form method="post" encType="multipart/form-data" className="stack-form">
        <CsrfInput />
        <div className={`field${actionData?.fieldError ? ' has-error' : ''}`}>
          <label htmlFor="online-cover">封面图片</label>
          <input
            id="online-cover"
            name="cover"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-invalid={actionData?.fieldError ? true : undefined}
            aria-describedby={actionData?.fieldError ? 'online-cover-error online-cover-hint' : 'online-cover-hint'}
          />
          <p id="online-cover-hint" className="hint">
            JPEG、PNG 或 WebP，最大 {maxMegabytes} MB。图片会被缩小到 1200 像素以内，拍摄地点等信息会被去掉。
          </p>
          {actionData?.fieldError ? (
            <p id="online-cover-error" className="field-error" role="alert">
              {actionData.fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary">
          上传封面
        </button>
      </Form>
    </article>
  )
}
