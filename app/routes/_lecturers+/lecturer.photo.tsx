// The lecturer's own photo (decisions 034, 038): read within its limit and checked by its content by the form
// pipeline, resized and stripped of metadata by the storage module; a refused file changes nothing and the message
// stands next to the field, in the reader's language.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FileUploadForm, IMAGE_ACCEPT, fileFormSchema } from '~/components/file-upload-form'
import { lecturerOfResident, setOwnPhoto } from '~/models/lecturers/roster.server'
import { requireResident } from '~/models/passport/account.server'
import { LecturerPhoto } from '~/routes/_lecturers+/__lecturer-card'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { metaT, useLocale } from '~/utils/i18n'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { useFormReply } from '~/utils/use-form-reply'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('lecturer.own.photoHeading') },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [lecturer, protection] = await Promise.all([lecturerOfResident(resident.id), publicFormProtection(request)])
  return json(
    {
      lecturer: lecturer ? { name: lecturer.name, photoFileId: lecturer.photoFileId } : null,
      csrfToken: protection.csrfToken,
      maxMegabytes: IMAGE_MAX_BYTES / 1024 / 1024,
    },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  // The guard before the body is read: only a signed-in resident (the server's body limit says the same).
  const resident = await requireResident(request)
  return handleForm(request, {
    schema: (t) => fileFormSchema(t, 'photo'),
    access: { public: true },
    files: { photo: { kinds: ['image'], maxBytes: IMAGE_MAX_BYTES } },
    async submit({ photo }, { t, done }) {
      await setOwnPhoto(resident.id, photo)
      return done(t('lecturer.own.photoSaved'))
    },
  })
}

export default function OwnPhotoPage() {
  const { lecturer, csrfToken, maxMegabytes } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const { t } = useLocale()
  if (!lecturer)
    return (
      <article className="detail narrow">
        <h1>{t('lecturer.own.photoHeading')}</h1>
        <p>{t('lecturer.own.notLinked')}</p>
      </article>
    )
  return (
    <article className="detail narrow">
      <p className="meta">
        <Link to="/lecturer">← {t('lecturer.own.heading')}</Link>
      </p>
      <h1>{t('lecturer.own.photoHeading')}</h1>
      <LecturerPhoto fileId={lecturer.photoFileId} name={lecturer.name} />
      <FileUploadForm
        id="lecturer-photo"
        name="photo"
        label={t('lecturer.photo')}
        hint={t('lecturer.own.photoHint', { mb: maxMegabytes })}
        accept={IMAGE_ACCEPT}
        submitLabel={t('lecturer.own.uploadPhoto')}
        csrf={<input type="hidden" name="csrf" value={csrfToken} />}
        lastResult={result}
      />
    </article>
  )
}
