// A lecturer's photo uploaded by roster staff (decisions 034, 038): the form pipeline reads the file within its limit
// and checks it by content; the storage module resizes it and strips its metadata. A refused file changes nothing
// and the message stands next to the field.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { FileUploadForm, IMAGE_ACCEPT, fileFormSchema } from '~/components/file-upload-form'
import { findLecturerForStaff, requireRosterStaff, setLecturerPhotoByStaff } from '~/models/lecturers/roster.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { useFormReply } from '~/utils/use-form-reply'

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
  return handleForm(request, {
    schema: (t) => fileFormSchema(t, 'photo'),
    access: { staff: (request) => load(request, params.lecturerId) },
    files: { photo: { kinds: ['image'], maxBytes: IMAGE_MAX_BYTES } },
    async submit({ photo }, { actor, done }) {
      await setLecturerPhotoByStaff(actor.staff, actor.lecturer.id, photo)
      return done('照片已更新。')
    },
  })
}

export default function LecturerPhotoAdminPage() {
  const { lecturer, maxMegabytes } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/lecturers/${lecturer.id}`}>← {lecturer.name}</Link>
      </p>
      <h1>讲师照片：{lecturer.name}</h1>
      {lecturer.photoFileId ? (
        <img className="lecturer-photo" src={`/files/${lecturer.photoFileId}`} alt={`${lecturer.name}的照片`} width={160} height={160} />
      ) : (
        <p>还没有照片。</p>
      )}
      <FileUploadForm
        id="staff-lecturer-photo"
        name="photo"
        label="照片"
        hint={`JPEG、PNG 或 WebP，最大 ${maxMegabytes} MB。照片会被缩小，拍摄地点等信息会被去掉。`}
        accept={IMAGE_ACCEPT}
        submitLabel="上传照片"
        csrf={<CsrfInput />}
        lastResult={result}
      />
    </article>
  )
}
