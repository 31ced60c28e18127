// A resource's cover uploaded by its keepers (decisions 037, 038): the form pipeline reads the file within its limit
// and checks it by content; the storage module re-encodes and resizes it with sharp and strips its metadata. A
// refused file changes nothing and the message stands next to the field.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { FileUploadForm, IMAGE_ACCEPT, fileFormSchema } from '~/components/file-upload-form'
import { findResourceForStaff, requireOnlineStaff, setResourceCover } from '~/models/online/resources.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { useFormReply } from '~/utils/use-form-reply'

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

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: (t) => fileFormSchema(t, 'cover'),
    access: { staff: (request) => load(request, params.resourceId) },
    files: { cover: { kinds: ['image'], maxBytes: IMAGE_MAX_BYTES } },
    async submit({ cover }, { actor, done }) {
      await setResourceCover(actor.staff, actor.resource.id, cover)
      return done('封面已更新。', `/admin/online/${actor.resource.id}`)
    },
  })
}

export default function OnlineCoverAdminPage() {
  const { resource, maxMegabytes } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
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
      <FileUploadForm
        id="online-cover"
        name="cover"
        label="封面图片"
        hint={`JPEG、PNG 或 WebP，最大 ${maxMegabytes} MB。图片会被缩小到 1200 像素以内，拍摄地点等信息会被去掉。`}
        accept={IMAGE_ACCEPT}
        submitLabel="上传封面"
        csrf={<CsrfInput />}
        lastResult={result}
      />
    </article>
  )
}
