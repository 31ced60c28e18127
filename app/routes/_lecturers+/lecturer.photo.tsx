// The lecturer's own photo (decision 034): uploaded, checked by its content, resized and stripped of metadata by
// the storage module; a refused file changes nothing and the message stands next to the field.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { lecturerOfResident, setOwnPhoto } from '~/models/lecturers/roster.server'
import { requireResident } from '~/models/passport/account.server'
import { LecturerPhoto } from '~/routes/_lecturers+/__lecturer-card'
import { readPhotoForm } from '~/routes/_lecturers+/__photo-upload.server'
import { checkPublicForm, publicFormProtection } from '~/utils/form-security.server'
import { metaT, useLocale } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { Refusal } from '~/utils/refusal'

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
  const resident = await requireResident(request)
  const t = await getT(request)
  try {
    const { formData, photo } = await readPhotoForm(request)
    const problem = await checkPublicForm(request, formData)
    if (problem) return json({ error: problem, fieldError: null, message: null }, { status: 403 })
    await setOwnPhoto(resident.id, photo)
    return json({ error: null, fieldError: null, message: t('lecturer.own.photoSaved') })
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    const message = error.translate(t)
    return json(
      { error: null, fieldError: error.field === 'photo' ? message : null, message: null, ...(error.field ? {} : { error: message }) },
      { status: error.status },
    )
  }
}

export default function OwnPhotoPage() {
  const { lecturer, csrfToken, maxMegabytes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
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
      <ActionNotices message={actionData?.message} error={actionData?.error} />
      <LecturerPhoto fileId={lecturer.photoFileId} name={lecturer.name} />
      <Form method="post" encType="multipart/form-data" className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <div className={`field${actionData?.fieldError ? ' has-error' : ''}`}>
          <label htmlFor="lecturer-photo">{t('lecturer.photo')}</label>
          <input
            id="lecturer-photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-invalid={actionData?.fieldError ? true : undefined}
            aria-describedby={actionData?.fieldError ? 'lecturer-photo-error lecturer-photo-hint' : 'lecturer-photo-hint'}
          />
          <p id="lecturer-photo-hint" className="hint">
            {t('lecturer.own.photoHint', { mb: maxMegabytes })}
          </p>
          {actionData?.fieldError ? (
            <p id="lecturer-photo-error" className="field-error" role="alert">
              {actionData.fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary">
          {t('lecturer.own.uploadPhoto')}
        </button>
      </Form>
    </article>
  )
}
