// The staff form of a competition (decision 035, "The staff form"), shared by `new` and `$competitionId_.edit`:
// the edition and its scope, deadlines, rules, categories, and rounds with their criteria and weights. Lists grow and
// shrink with conform's insert and remove buttons, which work without JavaScript (the server answers the intent).
// After a refused save every value comes back as typed, each message next to its field.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField, type AnyFieldMeta } from '~/components/form-field'
import zhCN from '~/locales/zh-CN'
import {
  competitionFormSchema,
  MAX_AWARDS,
  MAX_CATEGORIES,
  MAX_CRITERIA,
  MAX_JUDGES_PER_ENTRY,
  MAX_ROUNDS,
} from '~/models/competitions/admin-schema'
import { GRADES, gradeCode } from '~/models/competitions/schema'
import { EditorBackLinks } from '~/routes/admin+/__record-editor'
import { tFor } from '~/utils/i18n'
import { toShanghaiDateTimeInput } from '~/utils/shanghai-time'
import { useZodForm } from '~/utils/use-zod-form'
import type { SerializeFrom } from '@remix-run/node'
import type { EditorCompetition } from '~/models/competitions/editor.server'

export const competitionSchema = competitionFormSchema(tFor('zh-CN'))

type Stored = SerializeFrom<EditorCompetition>

/** What the form starts from: the stored competition, or a new one with the usual three categories and one round. */
export function competitionDefaults(c: Stored | null, year: number) {
  if (!c)
    return {
      edition: String(year),
      minTeamSize: '1',
      maxTeamSize: '5',
      normaliseMinEntries: '5',
      categories: [
        { name: '小学组', nameEn: 'Primary school', minGrade: '1', maxGrade: '5' },
        { name: '初中组', nameEn: 'Middle school', minGrade: '6', maxGrade: '9' },
        { name: '高中组', nameEn: 'High school', minGrade: '10', maxGrade: '12' },
      ],
      rounds: [{ name: '初赛', nameEn: 'First round', minJudgesPerEntry: '2', criteria: [{ weight: '100', maxScore: '10' }] }],
      awardBasis: 'RANK',
      awards: [
        { name: '一等奖', nameEn: 'First prize', threshold: '3' },
        { name: '二等奖', nameEn: 'Second prize', threshold: '8' },
        { name: '三等奖', nameEn: 'Third prize', threshold: '15' },
      ],
    }
  return {
    title: c.title,
    titleEn: c.titleEn,
    edition: String(c.edition),
    summary: c.summary,
    summaryEn: c.summaryEn,
    organiser: c.organiser,
    districtId: c.districtId ?? '',
    published: c.status === 'DRAFT' ? undefined : 'on',
    signUpOpensAt: toShanghaiDateTimeInput(c.signUpOpensAt),
    signUpClosesAt: toShanghaiDateTimeInput(c.signUpClosesAt),
    entryClosesAt: toShanghaiDateTimeInput(c.entryClosesAt),
    minTeamSize: String(c.minTeamSize),
    maxTeamSize: String(c.maxTeamSize),
    oneDistrict: c.oneDistrict ? 'on' : undefined,
    normaliseMinEntries: String(c.normaliseMinEntries),
    categories: c.categories.map((x) => ({
      id: x.id,
      name: x.name,
      nameEn: x.nameEn,
      minGrade: String(x.minGrade),
      maxGrade: String(x.maxGrade),
    })),
    rounds: c.rounds.map((r) => ({
      id: r.id,
      name: r.name,
      nameEn: r.nameEn,
      minJudgesPerEntry: String(r.minJudgesPerEntry),
      criteria: r.criteria.map((x) => ({
        id: x.id,
        name: x.name,
        nameEn: x.nameEn,
        weight: String(x.weight),
        maxScore: String(x.maxScore),
      })),
    })),
    awardBasis: c.awardBasis,
    awards: c.awards.map((a) => ({
      name: a.name,
      nameEn: a.nameEn,
      threshold: String((c.awardBasis === 'RANK' ? a.maxRank : a.minScore) ?? ''),
    })),
  }
}

const gradeOptions = GRADES.map((g) => ({ value: String(g), label: zhCN.grade[gradeCode(g) as keyof typeof zhCN.grade] }))

/** A list's own message (too few, weights not adding up, a category with teams), under its heading. */
function ListError({ meta }: { meta: AnyFieldMeta }) {
  return meta.errors ? (
    <p id={meta.errorId} className="field-error" role="alert">
      {meta.errors[0]}
    </p>
  ) : null
}

export function CompetitionForm({
  competition,
  lastResult,
  districts,
  choosesDistrict,
  ownDistrict,
  year,
}: {
  competition: Stored | null
  lastResult?: SubmissionResult<string[]>
  districts: Array<{ id: string; name: string }>
  choosesDistrict: boolean
  ownDistrict: string | null
  year: number
}) {
  const [form, fields] = useZodForm(competitionSchema, {
    id: 'competition',
    lastResult,
    defaultValue: competitionDefaults(competition, year),
  })
  const categories = fields.categories.getFieldList()
  const rounds = fields.rounds.getFieldList()
  const awards = fields.awards.getFieldList()
  const byBand = fields.awardBasis.value === 'BAND'
  const settled = competition?.status === 'REVIEW' || competition?.status === 'PUBLISHED'
  const teams = competition?._count.teams ?? 0
  const storedCategory = (id: unknown) => competition?.categories.find((x) => x.id === id)
  const storedRound = (id: unknown) => competition?.rounds.find((x) => x.id === id)
  const began = (r: Stored['rounds'][number] | undefined) =>
    !!r && (r.status === 'CLOSED' || r._count.assignments > 0 || r._count.scores > 0 || r._count.admitted > 0)
  return (
    <article className="admin-page">
      <EditorBackLinks
        list={{
          to: competition ? `/admin/competitions/${competition.id}` : '/admin/competitions',
          label: competition ? competition.title : '大赛',
        }}
        publicPage={competition && competition.status !== 'DRAFT' ? `/competitions/${competition.slug}` : null}
      />
      <h1>{competition ? `修改大赛：${competition.title}` : '新建大赛'}</h1>
      {teams ? (
        <p className="notice">
          已有 {teams}{' '}
          支队伍报名：规则只能放宽，有队伍的组别不能删除，已开始评审的轮次不能改评分项和权重，时间只能推后（推后会记在公开时间线上并短信通知各队）。
        </p>
      ) : null}
      {settled ? <p className="notice">评审结果已进入公示或已发布，只能修改名称、简介和主办单位。</p> : null}
      <Form method="post" {...getFormProps(form)} className="stack-form wide-form">
        <CsrfInput />
        <FormErrors id={form.errorId} errors={form.errors} />

        <h2>基本信息</h2>
        <div className="field-row">
          <Field label="大赛名称" meta={fields.title}>
            <input {...getInputProps(fields.title, { type: 'text' })} />
          </Field>
          <Field label="英文名称" hint="英文页面显示；不填则显示中文名称" meta={fields.titleEn}>
            <input {...getInputProps(fields.titleEn, { type: 'text' })} lang="en" />
          </Field>
        </div>
        <div className="field-row">
          <Field label="届次（年份）" hint="每名学生每届只能参加一支队伍" meta={fields.edition}>
            <input {...getInputProps(fields.edition, { type: 'number' })} inputMode="numeric" />
          </Field>
          <Field label="主办单位" meta={fields.organiser}>
            <input {...getInputProps(fields.organiser, { type: 'text' })} />
          </Field>
        </div>
        {competition ? null : (
          <Field
            label="网址名（可不填）"
            hint="公开页面的网址 /competitions/网址名，用小写字母、数字和连字符；不填自动生成。发布后不再改。"
            meta={fields.slug}
          >
            <input {...getInputProps(fields.slug, { type: 'text' })} lang="en" autoCapitalize="none" />
          </Field>
        )}
        {choosesDistrict ? (
          <SelectField
            label="举办范围"
            meta={fields.districtId}
            placeholder="全市"
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : (
          <p>举办范围：{ownDistrict ?? '本区'}</p>
        )}
        <Field label="简介" meta={fields.summary}>
          <textarea {...getTextareaProps(fields.summary)} rows={4} />
        </Field>
        <Field label="英文简介" meta={fields.summaryEn}>
          <textarea {...getTextareaProps(fields.summaryEn)} rows={3} lang="en" />
        </Field>

        <h2>时间</h2>
        <div className="field-row">
          <Field label="报名开始" meta={fields.signUpOpensAt}>
            <input {...getInputProps(fields.signUpOpensAt, { type: 'datetime-local' })} />
          </Field>
          <Field label="报名截止" meta={fields.signUpClosesAt}>
            <input {...getInputProps(fields.signUpClosesAt, { type: 'datetime-local' })} />
          </Field>
          <Field label="作品截止" hint="队伍名单同时锁定" meta={fields.entryClosesAt}>
            <input {...getInputProps(fields.entryClosesAt, { type: 'datetime-local' })} />
          </Field>
        </div>
        {competition && competition.status !== 'DRAFT' ? (
          <Field label="改动时间的原因" hint="只在改动已发布大赛的时间时填写：公开时间线和给各队的短信里会显示" meta={fields.changeReason}>
            <input {...getInputProps(fields.changeReason, { type: 'text' })} />
          </Field>
        ) : null}

        <h2>参赛规则</h2>
        <div className="field-row">
          <Field label="每队最少人数" meta={fields.minTeamSize}>
            <input {...getInputProps(fields.minTeamSize, { type: 'number' })} inputMode="numeric" />
          </Field>
          <Field label="每队最多人数" meta={fields.maxTeamSize}>
            <input {...getInputProps(fields.maxTeamSize, { type: 'number' })} inputMode="numeric" />
          </Field>
        </div>
        <CheckField label="队员须来自本区的学校（全市范围的大赛不能勾选）" meta={fields.oneDistrict}>
          <input {...getInputProps(fields.oneDistrict, { type: 'checkbox' })} />
        </CheckField>
        <Field
          label="标准化所需的最少评分份数"
          hint="评委完成至少这么多份评分时，才按全体评分换算他的分数（消除评委宽严）"
          meta={fields.normaliseMinEntries}
        >
          <input {...getInputProps(fields.normaliseMinEntries, { type: 'number' })} inputMode="numeric" />
        </Field>
        <p className="hint">每名学生每届只能参加一支队伍：这是固定规则，报名时按学校和姓名核对。</p>

        <h2 id="categories-heading">组别</h2>
        <ListError meta={fields.categories} />
        {categories.map((category, i) => {
          const c = category.getFieldset()
          const stored = storedCategory(c.id.initialValue)
          return (
            <fieldset key={category.key} className="member-fieldset">
              <legend>
                组别 {i + 1}
                {stored?._count.teams ? `（已有 ${stored._count.teams} 支队伍）` : ''}
              </legend>
              <input {...getInputProps(c.id, { type: 'hidden' })} />
              <div className="field-row">
                <Field label="名称" meta={c.name}>
                  <input {...getInputProps(c.name, { type: 'text' })} />
                </Field>
                <Field label="英文名称" meta={c.nameEn}>
                  <input {...getInputProps(c.nameEn, { type: 'text' })} lang="en" />
                </Field>
              </div>
              <div className="field-row">
                <SelectField label="最低年级" meta={c.minGrade} placeholder="请选择" options={gradeOptions} />
                <SelectField label="最高年级" meta={c.maxGrade} placeholder="请选择" options={gradeOptions} />
              </div>
              {categories.length > 1 ? (
                <button type="submit" className="link-button" {...form.remove.getButtonProps({ name: fields.categories.name, index: i })}>
                  删除组别 {i + 1}
                </button>
              ) : null}
            </fieldset>
          )
        })}
        {categories.length < MAX_CATEGORIES ? (
          <button type="submit" {...form.insert.getButtonProps({ name: fields.categories.name })}>
            添加组别
          </button>
        ) : null}

        <h2>评审轮次与评分标准</h2>
        <p className="hint">每一轮的权重合计须为 100。第一轮评审全部队伍，之后每一轮只评审晋级的队伍。</p>
        <ListError meta={fields.rounds} />
        {rounds.map((round, i) => {
          const r = round.getFieldset()
          const criteria = r.criteria.getFieldList()
          const locked = began(storedRound(r.id.initialValue))
          return (
            <fieldset key={round.key} className="member-fieldset">
              <legend>
                第 {i + 1} 轮{locked ? '（已开始评审：评分项、权重和满分不能再改）' : ''}
              </legend>
              <input {...getInputProps(r.id, { type: 'hidden' })} />
              <div className="field-row">
                <Field label="轮次名称" meta={r.name}>
                  <input {...getInputProps(r.name, { type: 'text' })} />
                </Field>
                <Field label="英文名称" meta={r.nameEn}>
                  <input {...getInputProps(r.nameEn, { type: 'text' })} lang="en" />
                </Field>
              </div>
              <Field
                label="每份作品的评委人数"
                hint={`评分少于这个人数的作品会列给评审组长（1–${MAX_JUDGES_PER_ENTRY}）${locked ? '；已开始评审，不能再改' : ''}`}
                meta={r.minJudgesPerEntry}
              >
                <input {...getInputProps(r.minJudgesPerEntry, { type: 'number' })} inputMode="numeric" />
              </Field>
              <ListError meta={r.criteria} />
              {criteria.map((criterion, j) => {
                const x = criterion.getFieldset()
                return (
                  <fieldset key={criterion.key}>
                    <legend>
                      第 {i + 1} 轮评分项 {j + 1}
                    </legend>
                    <input {...getInputProps(x.id, { type: 'hidden' })} />
                    <div className="field-row">
                      <Field label="评分项" meta={x.name}>
                        <input {...getInputProps(x.name, { type: 'text' })} />
                      </Field>
                      <Field label="英文名称" meta={x.nameEn}>
                        <input {...getInputProps(x.nameEn, { type: 'text' })} lang="en" />
                      </Field>
                    </div>
                    <div className="field-row">
                      <Field label="权重" meta={x.weight}>
                        <input {...getInputProps(x.weight, { type: 'number' })} inputMode="numeric" />
                      </Field>
                      <Field label="满分" meta={x.maxScore}>
                        <input {...getInputProps(x.maxScore, { type: 'number' })} inputMode="numeric" />
                      </Field>
                    </div>
                    {criteria.length > 1 ? (
                      <button type="submit" className="link-button" {...form.remove.getButtonProps({ name: r.criteria.name, index: j })}>
                        删除第 {i + 1} 轮评分项 {j + 1}
                      </button>
                    ) : null}
                  </fieldset>
                )
              })}
              <div className="button-row">
                {criteria.length < MAX_CRITERIA ? (
                  <button type="submit" {...form.insert.getButtonProps({ name: r.criteria.name, defaultValue: { maxScore: '10' } })}>
                    为第 {i + 1} 轮添加评分项
                  </button>
                ) : null}
                {rounds.length > 1 ? (
                  <button type="submit" className="link-button" {...form.remove.getButtonProps({ name: fields.rounds.name, index: i })}>
                    删除第 {i + 1} 轮
                  </button>
                ) : null}
              </div>
            </fieldset>
          )
        })}
        {rounds.length < MAX_ROUNDS ? (
          <button
            type="submit"
            {...form.insert.getButtonProps({
              name: fields.rounds.name,
              defaultValue: { minJudgesPerEntry: '2', criteria: [{ maxScore: '10' }] },
            })}
          >
            添加一轮评审
          </button>
        ) : null}

        <h2 id="awards-heading">奖项</h2>
        <p className="hint">
          每个组别分别评奖。一支队伍得到它达到的第一个奖项：按名次评奖时填写“到第几名”，例如一等奖 3（第 1–3 名）、二等奖 8（第 4–8
          名）；按分数段评奖时填写最低总分（满分 100），例如一等奖 85、二等奖 70。没有奖项时结果只排名次。
          {settled ? '公示开始后奖项不能再改。' : ''}
        </p>
        <Field label="评奖方式" meta={fields.awardBasis}>
          <select {...getSelectProps(fields.awardBasis)}>
            <option value="RANK">按名次</option>
            <option value="BAND">按分数段</option>
          </select>
        </Field>
        <ListError meta={fields.awards} />
        {awards.map((award, i) => {
          const a = award.getFieldset()
          return (
            <fieldset key={award.key} className="member-fieldset">
              <legend>奖项 {i + 1}</legend>
              <div className="field-row">
                <Field label="奖项名称" meta={a.name}>
                  <input {...getInputProps(a.name, { type: 'text' })} />
                </Field>
                <Field label="英文名称" meta={a.nameEn}>
                  <input {...getInputProps(a.nameEn, { type: 'text' })} lang="en" />
                </Field>
                <Field label={byBand ? '最低总分' : '到第几名'} hint={byBand ? '满分 100，可带小数' : '整数，从 1 起'} meta={a.threshold}>
                  <input {...getInputProps(a.threshold, { type: 'text' })} inputMode="decimal" />
                </Field>
              </div>
              <button type="submit" className="link-button" {...form.remove.getButtonProps({ name: fields.awards.name, index: i })}>
                删除奖项 {i + 1}
              </button>
            </fieldset>
          )
        })}
        {awards.length < MAX_AWARDS ? (
          <button type="submit" {...form.insert.getButtonProps({ name: fields.awards.name })}>
            添加奖项
          </button>
        ) : null}

        <h2>发布</h2>
        <CheckField label={settled ? '已发布' : '发布（公开页面上可以看到，到时开放报名）；不勾选则保存为草稿'} meta={fields.published}>
          <input {...getInputProps(fields.published, { type: 'checkbox' })} disabled={settled} />
        </CheckField>
        <button type="submit" className="primary">
          保存
        </button>
      </Form>
    </article>
  )
}
