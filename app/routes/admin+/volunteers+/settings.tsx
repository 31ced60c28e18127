// 志愿者规则与技能 (district and platform admins): the district's limits, stated on every role page before anyone
// claims (hours a day, no-show block, the share of a role that earns credit, the drop cut-off), and the skill list.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import { skillSchema, volunteerRuleSchema } from '~/models/volunteers/admin-schema'
import { listSkills, requireVolunteerDistrict, volunteerRule } from '~/models/volunteers/volunteer.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { DistrictFilterBar } from '../__district-picker'
import { settingsAction } from './__settings-actions.server'

export const meta: MetaFunction = () => adminMeta('志愿者规则与技能')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const { districts, ...district } = await requireVolunteerDistrict(staff, new URL(request.url).searchParams.get('district'))
  const [rule, skills] = await Promise.all([volunteerRule(district.id), listSkills({ includeInactive: true })])
  return json({ districts, district, rule, skills }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export const action = ({ request }: ActionFunctionArgs) => settingsAction(request)

const text = (n: number | null) => (n === null ? '' : String(n))

export default function AdminVolunteerSettingsPage() {
  const { districts, district, rule, skills } = useLoaderData<typeof loader>()
  const ruleReply = useFormReply('rule')
  const skillReply = useFormReply('skill-add')
  const [ruleForm, ruleFields] = useZodForm(volunteerRuleSchema, {
    id: `rule-${district.id}`,
    lastResult: ruleReply.result,
    defaultValue: {
      maxHoursPerDay: text(rule.maxHoursPerDay),
      noShowLimit: text(rule.noShowLimit),
      minPresentPct: String(rule.minPresentPct),
      dropCutoffHours: String(rule.dropCutoffHours),
    },
  })
  const [skillForm, skillFields] = useZodForm(skillSchema, { id: 'skill', lastResult: skillReply.result })
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/volunteers">← 志愿岗位</Link>
      </p>
      <h1>志愿者规则与技能：{district.name}</h1>
      <DistrictFilterBar id="settings-district" districts={districts} value={district.id} />
      <section className="admin-section" aria-labelledby="rule-heading">
        <h2 id="rule-heading">本区规则</h2>
        <p className="hint">规则写在每个岗位页上，志愿者报名前可见。留空表示不限。</p>
        <Form method="post" {...getFormProps(ruleForm)} className="stack-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="rule" />
          <input type="hidden" name="districtId" value={district.id} />
          <FormErrors id={ruleForm.errorId} errors={ruleForm.errors} />
          <Field label="每人每天最多小时数（计划时长）" meta={ruleFields.maxHoursPerDay}>
            <input {...getInputProps(ruleFields.maxHoursPerDay, { type: 'text' })} inputMode="numeric" />
          </Field>
          <Field label="录用后未到岗几次暂停报名" meta={ruleFields.noShowLimit}>
            <input {...getInputProps(ruleFields.noShowLimit, { type: 'text' })} inputMode="numeric" />
          </Field>
          <Field label="在岗不少于岗位时长的百分之几才计时长" meta={ruleFields.minPresentPct}>
            <input {...getInputProps(ruleFields.minPresentPct, { type: 'text' })} inputMode="numeric" />
          </Field>
          <Field label="岗位开始前几小时停止在线退出" meta={ruleFields.dropCutoffHours}>
            <input {...getInputProps(ruleFields.dropCutoffHours, { type: 'text' })} inputMode="numeric" />
          </Field>
          <button type="submit" className="primary">
            保存规则
          </button>
        </Form>
      </section>
      <section className="admin-section" aria-labelledby="skills-heading">
        <h2 id="skills-heading">技能列表（各区共用）</h2>
        <ul>
          {skills.map((s) => (
            <li key={s.key}>
              {s.name}（{s.nameEn}）{s.active ? '' : ' · 已停用'}{' '}
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="skill-toggle" />
                <input type="hidden" name="key" value={s.key} />
                <input type="hidden" name="active" value={s.active ? 'off' : 'on'} />
                <button type="submit" className="link-button">
                  {s.active ? '停用' : '恢复'}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(skillForm)} className="stack-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="skill-add" />
          <FormErrors id={skillForm.errorId} errors={skillForm.errors} />
          <Field label="技能名称" meta={skillFields.name}>
            <input {...getInputProps(skillFields.name, { type: 'text' })} />
          </Field>
          <Field label="英文名称" hint="英文页面显示" meta={skillFields.nameEn}>
            <input {...getInputProps(skillFields.nameEn, { type: 'text' })} />
          </Field>
          <button type="submit">添加技能</button>
        </Form>
      </section>
    </article>
  )
}
