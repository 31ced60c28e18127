// Every admin route × every role: the route modules' own loaders and actions are called with real requests
// (signed session cookie, CSRF token) against a fresh database, and each answer is checked against the table
// below. A route added without a row here fails the completeness test at the bottom.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { addSchoolOffer, createStaffWorld, type StaffWorld as BaseWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

type StaffWorld = BaseWorld & {
  schoolBookingId?: string
  menuItemId?: string
  menuOrderId?: string
  messageId?: string
  seriesId?: string
  importId?: string
  lecturerId?: string
  competitionId?: string
  roundId?: string
  volunteerRoleId?: string
  volunteerId?: string
  baseApplicationId?: string
  baseReviewId?: string
  baseAttachmentId?: string
  joinRequestId?: string
  onlineResourceId?: string
  pointId?: string
}

type Persona = 'anonymous' | 'otherOrgStaff' | 'staff' | 'otherDistrictAdmin' | 'districtAdmin' | 'platformAdmin'
const personas: Persona[] = ['anonymous', 'otherOrgStaff', 'staff', 'otherDistrictAdmin', 'districtAdmin', 'platformAdmin']

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response | unknown>
type Case = {
  file: string
  kind: 'loader' | 'action'
  path: (w: StaffWorld) => string
  params?: (w: StaffWorld) => Record<string, string>
  body?: (w: StaffWorld) => Record<string, string>
  allowed: Persona[]
}

const signedIn: Persona[] = ['otherOrgStaff', 'staff', 'otherDistrictAdmin', 'districtAdmin', 'platformAdmin']
const ownersOfA: Persona[] = ['staff', 'districtAdmin', 'platformAdmin'] // organisation A's staff, 松江's admin, platform
const admins: Persona[] = ['otherDistrictAdmin', 'districtAdmin', 'platformAdmin']

const managersOfSongjiang: Persona[] = ['districtAdmin', 'platformAdmin']
const cases: Case[] = [
  // 科普基地 (issue 27): the register for every signed-in role in its scope; designations of organisation A's venue
  // read by its staff, changed by 松江's admin and platform admins; the list of levels by platform admins.
  { file: 'admin+/bases+/_index', kind: 'loader', path: () => '/admin/bases', allowed: signedIn },
  { file: 'admin+/bases+/levels', kind: 'loader', path: () => '/admin/bases/levels', allowed: ['platformAdmin'] },
  { file: 'admin+/bases+/levels', kind: 'action', path: () => '/admin/bases/levels', allowed: ['platformAdmin'] },
  {
    file: 'admin+/bases+/venues.$venueId',
    kind: 'loader',
    path: (w) => `/admin/bases/venues/${w.venue.id}`,
    params: (w) => ({ venueId: w.venue.id }),
    allowed: ownersOfA,
  },
  // 申报: organisation A's application for its venue, read and posted to by its staff and 松江's reviewers.
  { file: 'admin+/bases+/applications._index', kind: 'loader', path: () => '/admin/bases/applications', allowed: signedIn },
  { file: 'admin+/bases+/applications._index', kind: 'action', path: () => '/admin/bases/applications', allowed: signedIn },
  {
    file: 'admin+/bases+/applications.$applicationId',
    kind: 'loader',
    path: (w) => `/admin/bases/applications/${w.baseApplicationId}`,
    params: (w) => ({ applicationId: w.baseApplicationId! }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/bases+/applications.$applicationId',
    kind: 'action',
    path: (w) => `/admin/bases/applications/${w.baseApplicationId}`,
    params: (w) => ({ applicationId: w.baseApplicationId! }),
    body: () => ({ intent: 'nothing' }),
    allowed: ownersOfA,
  },
  // A 申报 attachment: read by whoever may see the application, 404 for anyone else.
  {
    file: 'admin+/bases+/attachments.$attachmentId',
    kind: 'loader',
    path: (w) => `/admin/bases/attachments/${w.baseAttachmentId}`,
    params: (w) => ({ attachmentId: w.baseAttachmentId! }),
    allowed: ownersOfA,
  },
  // 考核评分表: each district's admins their own district's sheets (a district admin of 青浦 sees 青浦's); saving
  // 松江's is 松江's admins'.
  // 申请入驻: a pending request of 松江, decided by 松江's admin and platform admins; the list by any admin (their own).
  { file: 'admin+/bases+/join-requests._index', kind: 'loader', path: () => '/admin/bases/join-requests', allowed: admins },
  {
    file: 'admin+/bases+/join-requests.$requestId',
    kind: 'loader',
    path: (w) => `/admin/bases/join-requests/${w.joinRequestId}`,
    params: (w) => ({ requestId: w.joinRequestId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/bases+/join-requests.$requestId',
    kind: 'action',
    path: (w) => `/admin/bases/join-requests/${w.joinRequestId}`,
    params: (w) => ({ requestId: w.joinRequestId! }),
    body: () => ({ intent: 'nothing' }),
    allowed: managersOfSongjiang,
  },
  { file: 'admin+/bases+/sheets', kind: 'loader', path: () => '/admin/bases/sheets', allowed: admins },
  {
    file: 'admin+/bases+/sheets',
    kind: 'action',
    path: () => '/admin/bases/sheets',
    body: (w) => ({ intent: 'sheet', districtId: w.sj.id, levelKey: 'district-base' }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/bases+/venues.$venueId',
    kind: 'action',
    path: (w) => `/admin/bases/venues/${w.venue.id}`,
    params: (w) => ({ venueId: w.venue.id }),
    allowed: managersOfSongjiang,
  },
  // 年度考核: the reports list for every signed-in role in its scope (a base sees its own); opening, reminding and
  // the bands are 松江's admins'; organisation A's report read and posted to by its staff and 松江's reviewers.
  { file: 'admin+/bases+/reviews._index', kind: 'loader', path: () => '/admin/bases/reviews', allowed: signedIn },
  {
    file: 'admin+/bases+/reviews._index',
    kind: 'action',
    path: () => '/admin/bases/reviews',
    body: (w) => ({ intent: 'remind', districtId: w.sj.id, year: '2026' }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/bases+/reviews.$reviewId',
    kind: 'loader',
    path: (w) => `/admin/bases/reviews/${w.baseReviewId}`,
    params: (w) => ({ reviewId: w.baseReviewId! }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/bases+/reviews.$reviewId',
    kind: 'action',
    path: (w) => `/admin/bases/reviews/${w.baseReviewId}`,
    params: (w) => ({ reviewId: w.baseReviewId! }),
    body: () => ({ intent: 'nothing' }),
    allowed: ownersOfA,
  },
  // Competitions (issue 29): run by 松江's admin and platform admins; organisation A's staff member is the lead judge.
  { file: 'admin+/competitions+/_index', kind: 'loader', path: () => '/admin/competitions', allowed: signedIn },
  {
    file: 'admin+/competitions+/$competitionId',
    kind: 'loader',
    path: (w) => `/admin/competitions/${w.competitionId}`,
    params: (w) => ({ competitionId: w.competitionId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/competitions+/$competitionId',
    kind: 'action',
    path: (w) => `/admin/competitions/${w.competitionId}`,
    params: (w) => ({ competitionId: w.competitionId! }),
    body: (w) => ({ intent: 'assign', roundId: w.roundId! }),
    allowed: managersOfSongjiang,
  },
  // The staff form (decision 035): any district admin or platform admin makes a competition; only those who run
  // 松江's competition edit it. An empty post is the form's own 400, never a write.
  { file: 'admin+/competitions+/new', kind: 'loader', path: () => '/admin/competitions/new', allowed: admins },
  { file: 'admin+/competitions+/new', kind: 'action', path: () => '/admin/competitions/new', allowed: admins },
  {
    file: 'admin+/competitions+/$competitionId_.edit',
    kind: 'loader',
    path: (w) => `/admin/competitions/${w.competitionId}/edit`,
    params: (w) => ({ competitionId: w.competitionId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/competitions+/$competitionId_.edit',
    kind: 'action',
    path: (w) => `/admin/competitions/${w.competitionId}/edit`,
    params: (w) => ({ competitionId: w.competitionId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/competitions+/rounds.$roundId.judge',
    kind: 'loader',
    path: (w) => `/admin/competitions/rounds/${w.roundId}/judge`,
    params: (w) => ({ roundId: w.roundId! }),
    allowed: ['staff'],
  },
  {
    file: 'admin+/competitions+/rounds.$roundId.judge',
    kind: 'action',
    path: (w) => `/admin/competitions/rounds/${w.roundId}/judge`,
    params: (w) => ({ roundId: w.roundId! }),
    body: () => ({ intent: 'score', teamId: 'none' }),
    allowed: [],
  },
  {
    file: 'admin+/competitions+/rounds.$roundId.progress',
    kind: 'loader',
    path: (w) => `/admin/competitions/rounds/${w.roundId}/progress`,
    params: (w) => ({ roundId: w.roundId! }),
    allowed: ['staff', 'districtAdmin', 'platformAdmin'],
  },
  { file: 'admin+/_index', kind: 'loader', path: () => '/admin', allowed: signedIn },
  { file: 'admin+/password', kind: 'loader', path: () => '/admin/password', allowed: signedIn },
  { file: 'admin+/password', kind: 'action', path: () => '/admin/password', allowed: signedIn },
  { file: 'admin+/events+/_index', kind: 'loader', path: () => '/admin/events', allowed: signedIn },
  { file: 'admin+/events+/new', kind: 'loader', path: () => '/admin/events/new', allowed: signedIn },
  { file: 'admin+/events+/new', kind: 'action', path: () => '/admin/events/new', allowed: signedIn },
  {
    file: 'admin+/events+/$eventId',
    kind: 'loader',
    path: (w) => `/admin/events/${w.event.id}`,
    params: (w) => ({ eventId: w.event.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/events+/$eventId',
    kind: 'action',
    path: (w) => `/admin/events/${w.event.id}`,
    params: (w) => ({ eventId: w.event.id }),
    body: () => ({ intent: 'nothing' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/events+/$eventId_.series.new',
    kind: 'loader',
    path: (w) => `/admin/events/${w.event.id}/series/new`,
    params: (w) => ({ eventId: w.event.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/events+/$eventId_.series.new',
    kind: 'action',
    path: (w) => `/admin/events/${w.event.id}/series/new`,
    params: (w) => ({ eventId: w.event.id }),
    body: () => ({ intent: 'preview' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/events+/$eventId_.series.$seriesId',
    kind: 'loader',
    path: (w) => `/admin/events/${w.event.id}/series/${w.seriesId}`,
    params: (w) => ({ eventId: w.event.id, seriesId: w.seriesId! }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/events+/$eventId_.series.$seriesId',
    kind: 'action',
    path: (w) => `/admin/events/${w.event.id}/series/${w.seriesId}`,
    params: (w) => ({ eventId: w.event.id, seriesId: w.seriesId! }),
    body: () => ({ intent: 'nothing' }),
    allowed: ownersOfA,
  },
  { file: 'admin+/venues+/_index', kind: 'loader', path: () => '/admin/venues', allowed: signedIn },
  { file: 'admin+/venues+/new', kind: 'loader', path: () => '/admin/venues/new', allowed: signedIn },
  { file: 'admin+/venues+/new', kind: 'action', path: () => '/admin/venues/new', allowed: signedIn },
  {
    file: 'admin+/venues+/$venueId',
    kind: 'loader',
    path: (w) => `/admin/venues/${w.venue.id}`,
    params: (w) => ({ venueId: w.venue.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/venues+/$venueId',
    kind: 'action',
    path: (w) => `/admin/venues/${w.venue.id}`,
    params: (w) => ({ venueId: w.venue.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId._index',
    kind: 'loader',
    path: (w) => `/admin/sessions/${w.session.id}`,
    params: (w) => ({ sessionId: w.session.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId._index',
    kind: 'action',
    path: (w) => `/admin/sessions/${w.session.id}`,
    params: (w) => ({ sessionId: w.session.id }),
    body: () => ({ intent: 'nothing' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.export[.csv]',
    kind: 'loader',
    path: (w) => `/admin/sessions/${w.session.id}/export.csv`,
    params: (w) => ({ sessionId: w.session.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.export[.csv]',
    kind: 'action',
    path: (w) => `/admin/sessions/${w.session.id}/export.csv`,
    params: (w) => ({ sessionId: w.session.id }),
    body: () => ({ purpose: '测试' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.export[.xlsx]',
    kind: 'loader',
    path: (w) => `/admin/sessions/${w.session.id}/export.xlsx`,
    params: (w) => ({ sessionId: w.session.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.export[.xlsx]',
    kind: 'action',
    path: (w) => `/admin/sessions/${w.session.id}/export.xlsx`,
    params: (w) => ({ sessionId: w.session.id }),
    body: () => ({ purpose: '测试' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.sign-in-sheet',
    kind: 'loader',
    path: (w) => `/admin/sessions/${w.session.id}/sign-in-sheet`,
    params: (w) => ({ sessionId: w.session.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.check-in',
    kind: 'loader',
    path: (w) => `/admin/sessions/${w.session.id}/check-in`,
    params: (w) => ({ sessionId: w.session.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/sessions+/$sessionId.check-in',
    kind: 'action',
    path: (w) => `/admin/sessions/${w.session.id}/check-in`,
    params: (w) => ({ sessionId: w.session.id }),
    body: () => ({ code: 'NOTACODE' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/reveal-phone',
    kind: 'action',
    path: () => '/admin/reveal-phone',
    body: (w) => ({ recordId: w.registration.id, purpose: '测试' }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/venues+/$venueId_.school',
    kind: 'loader',
    path: (w) => `/admin/venues/${w.venue.id}/school`,
    params: (w) => ({ venueId: w.venue.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/venues+/$venueId_.school',
    kind: 'action',
    path: (w) => `/admin/venues/${w.venue.id}/school`,
    params: (w) => ({ venueId: w.venue.id }),
    body: () => ({ intent: 'offer' }),
    allowed: ownersOfA,
  },
  { file: 'admin+/school-bookings+/_index', kind: 'loader', path: () => '/admin/school-bookings', allowed: signedIn },
  {
    file: 'admin+/school-bookings+/_index',
    kind: 'action',
    path: () => '/admin/school-bookings',
    body: (w) => ({ intent: 'approve', bookingId: w.schoolBookingId! }),
    allowed: ownersOfA,
  },
  { file: 'admin+/school-bookings+/export[.csv]', kind: 'loader', path: () => '/admin/school-bookings/export.csv', allowed: signedIn },
  { file: 'admin+/school-bookings+/export[.xlsx]', kind: 'loader', path: () => '/admin/school-bookings/export.xlsx', allowed: signedIn },
  {
    file: 'admin+/reveal-phone',
    kind: 'action',
    path: () => '/admin/reveal-phone',
    body: (w) => ({ recordId: w.schoolBookingId!, kind: 'school', purpose: '测试' }),
    allowed: ownersOfA,
  },
  { file: 'admin+/menu+/_index', kind: 'loader', path: () => '/admin/menu', allowed: signedIn },
  {
    file: 'admin+/menu+/$itemId',
    kind: 'loader',
    path: (w) => `/admin/menu/${w.menuItemId}`,
    params: (w) => ({ itemId: w.menuItemId! }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/menu+/$itemId',
    kind: 'action',
    path: (w) => `/admin/menu/${w.menuItemId}`,
    params: (w) => ({ itemId: w.menuItemId! }),
    allowed: ownersOfA,
  },
  { file: 'admin+/menu-orders+/_index', kind: 'loader', path: () => '/admin/menu-orders', allowed: signedIn },
  {
    file: 'admin+/menu-orders+/_index',
    kind: 'action',
    path: () => '/admin/menu-orders',
    body: (w) => ({ intent: 'decline', orderId: w.menuOrderId!, message: '测试拒绝' }),
    allowed: ownersOfA,
  },
  { file: 'admin+/menu-orders+/export[.csv]', kind: 'loader', path: () => '/admin/menu-orders/export.csv', allowed: signedIn },
  { file: 'admin+/menu-orders+/export[.xlsx]', kind: 'loader', path: () => '/admin/menu-orders/export.xlsx', allowed: signedIn },
  // 讲师团 (decision 034): district admins keep their own district's roster; organisation staff none.
  { file: 'admin+/lecturers+/_index', kind: 'loader', path: () => '/admin/lecturers', allowed: admins },
  { file: 'admin+/lecturers+/dispatch', kind: 'loader', path: () => '/admin/lecturers/dispatch', allowed: admins },
  {
    file: 'admin+/lecturers+/dispatch',
    kind: 'action',
    path: () => '/admin/lecturers/dispatch',
    body: () => ({ intent: 'nothing' }),
    allowed: admins,
  },
  {
    file: 'admin+/lecturers+/$lecturerId',
    kind: 'loader',
    path: (w) => `/admin/lecturers/${w.lecturerId}`,
    params: (w) => ({ lecturerId: w.lecturerId! }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/lecturers+/$lecturerId',
    kind: 'action',
    path: (w) => `/admin/lecturers/${w.lecturerId}`,
    params: (w) => ({ lecturerId: w.lecturerId! }),
    body: () => ({ intent: 'nothing' }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/lecturers+/$lecturerId_.photo',
    kind: 'loader',
    path: (w) => `/admin/lecturers/${w.lecturerId}/photo`,
    params: (w) => ({ lecturerId: w.lecturerId! }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/lecturers+/$lecturerId_.photo',
    kind: 'action',
    path: (w) => `/admin/lecturers/${w.lecturerId}/photo`,
    params: (w) => ({ lecturerId: w.lecturerId! }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  { file: 'admin+/passport', kind: 'loader', path: () => '/admin/passport', allowed: signedIn },
  {
    file: 'admin+/passport',
    kind: 'action',
    path: () => '/admin/passport',
    body: () => ({ intent: 'programme', programme: 'none' }),
    allowed: admins,
  },
  { file: 'admin+/users+/_index', kind: 'loader', path: () => '/admin/users', allowed: admins },
  { file: 'admin+/users+/_index', kind: 'action', path: () => '/admin/users', allowed: admins },
  {
    file: 'admin+/users+/$userId',
    kind: 'loader',
    path: (w) => `/admin/users/${w.users.staff.id}`,
    params: (w) => ({ userId: w.users.staff.id }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/users+/$userId',
    kind: 'action',
    path: (w) => `/admin/users/${w.users.staff.id}`,
    params: (w) => ({ userId: w.users.staff.id }),
    body: () => ({ intent: 'nothing' }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/dashboard',
    kind: 'loader',
    path: (w) => `/admin/dashboard?district=${w.sj.id}`,
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/dashboard_.volunteers[.xlsx]',
    kind: 'loader',
    path: (w) => `/admin/dashboard/volunteers.xlsx?district=${w.sj.id}`,
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  { file: 'admin+/audit', kind: 'loader', path: () => '/admin/audit', allowed: ['platformAdmin'] },
  // Spreadsheet import: every staff member may upload (rows outside their scope are refused in the preview); an
  // upload is seen and imported only by the person who uploaded it (organisation A's staff here).
  { file: 'admin+/import+/_index', kind: 'loader', path: () => '/admin/import', allowed: signedIn },
  { file: 'admin+/import+/_index', kind: 'action', path: () => '/admin/import', allowed: signedIn },
  { file: 'admin+/import+/template[.xlsx]', kind: 'loader', path: () => '/admin/import/template.xlsx?kind=events', allowed: signedIn },
  {
    file: 'admin+/import+/$importId',
    kind: 'loader',
    path: (w) => `/admin/import/${w.importId}`,
    params: (w) => ({ importId: w.importId! }),
    allowed: ['staff'],
  },
  {
    file: 'admin+/import+/$importId',
    kind: 'action',
    path: (w) => `/admin/import/${w.importId}`,
    params: (w) => ({ importId: w.importId! }),
    body: () => ({ intent: 'nothing' }),
    allowed: ['staff'],
  },
  { file: 'admin+/messages+/_index', kind: 'loader', path: () => '/admin/messages?status=all', allowed: admins },
  {
    file: 'admin+/messages+/of.$subjectType.$subjectId',
    kind: 'loader',
    path: (w) => `/admin/messages/of/Registration/${w.registration.id}`,
    params: (w) => ({ subjectType: 'Registration', subjectId: w.registration.id }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/messages+/of.$subjectType.$subjectId',
    kind: 'loader',
    path: (w) => `/admin/messages/of/MenuOrder/${w.menuOrderId}`,
    params: (w) => ({ subjectType: 'MenuOrder', subjectId: w.menuOrderId! }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/messages+/resend',
    kind: 'action',
    path: () => '/admin/messages/resend',
    body: (w) => ({ intent: 'resend', messageId: w.messageId!, returnTo: '/admin/messages' }),
    allowed: ownersOfA,
  },
  // A district admin works on their own district only; naming 松江 is refused to 青浦's admin.
  {
    file: 'admin+/fair-booking+/_index',
    kind: 'loader',
    path: (w) => `/admin/fair-booking?district=${w.sj.id}`,
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/fair-booking+/_index',
    kind: 'action',
    path: () => '/admin/fair-booking',
    body: (w) => ({ intent: 'rule', districtId: w.sj.id }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  // 科普志愿者 (decision 033): roles by scope; the district's people and settings by its admins.
  { file: 'admin+/volunteers+/_index', kind: 'loader', path: () => '/admin/volunteers', allowed: signedIn },
  { file: 'admin+/volunteers+/_index', kind: 'action', path: () => '/admin/volunteers', body: () => ({ title: '' }), allowed: signedIn },
  {
    file: 'admin+/volunteers+/roles.$roleId',
    kind: 'loader',
    path: (w) => `/admin/volunteers/roles/${w.volunteerRoleId}`,
    params: (w) => ({ roleId: w.volunteerRoleId! }),
    allowed: ownersOfA,
  },
  {
    file: 'admin+/volunteers+/roles.$roleId',
    kind: 'action',
    path: (w) => `/admin/volunteers/roles/${w.volunteerRoleId}`,
    params: (w) => ({ roleId: w.volunteerRoleId! }),
    body: () => ({ intent: 'adjust' }),
    allowed: ownersOfA,
  },
  { file: 'admin+/volunteers+/export[.xlsx]', kind: 'loader', path: () => '/admin/volunteers/export.xlsx', allowed: signedIn },
  {
    file: 'admin+/volunteers+/people',
    kind: 'loader',
    path: (w) => `/admin/volunteers/people?district=${w.sj.id}`,
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/volunteers+/people',
    kind: 'action',
    path: (w) => `/admin/volunteers/people?district=${w.sj.id}`,
    body: (w) => ({ intent: 'lift', volunteerId: w.volunteerId!, districtId: w.sj.id, reason: '测试' }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/volunteers+/settings',
    kind: 'loader',
    path: (w) => `/admin/volunteers/settings?district=${w.sj.id}`,
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  {
    file: 'admin+/volunteers+/settings',
    kind: 'action',
    path: (w) => `/admin/volunteers/settings?district=${w.sj.id}`,
    body: (w) => ({ intent: 'rule', districtId: w.sj.id, minPresentPct: '60', dropCutoffHours: '24' }),
    allowed: ['districtAdmin', 'platformAdmin'],
  },
  // 线上科普 (decision 037): district and platform admins keep their district's library.
  { file: 'admin+/online+/_index', kind: 'loader', path: () => '/admin/online', allowed: admins },
  {
    file: 'admin+/online+/$resourceId',
    kind: 'loader',
    path: (w) => `/admin/online/${w.onlineResourceId}`,
    params: (w) => ({ resourceId: w.onlineResourceId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/online+/$resourceId',
    kind: 'action',
    path: (w) => `/admin/online/${w.onlineResourceId}`,
    params: (w) => ({ resourceId: w.onlineResourceId! }),
    body: () => ({ intent: 'reach' }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/online+/$resourceId_.cover',
    kind: 'loader',
    path: (w) => `/admin/online/${w.onlineResourceId}/cover`,
    params: (w) => ({ resourceId: w.onlineResourceId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/online+/$resourceId_.cover',
    kind: 'action',
    path: (w) => `/admin/online/${w.onlineResourceId}/cover`,
    params: (w) => ({ resourceId: w.onlineResourceId! }),
    allowed: managersOfSongjiang,
  },
  // 数字科普点位 (decision 037): kept by the district's admins and platform admins, as the library is.
  { file: 'admin+/points+/_index', kind: 'loader', path: () => '/admin/points', allowed: admins },
  {
    file: 'admin+/points+/$pointId',
    kind: 'loader',
    path: (w) => `/admin/points/${w.pointId}`,
    params: (w) => ({ pointId: w.pointId! }),
    allowed: managersOfSongjiang,
  },
  {
    file: 'admin+/points+/$pointId',
    kind: 'action',
    path: (w) => `/admin/points/${w.pointId}`,
    params: (w) => ({ pointId: w.pointId! }),
    body: () => ({ intent: 'save' }),
    allowed: managersOfSongjiang,
  },
]

// Public by design, and checked elsewhere: the sign-in page, the one-time link page, signing out, the layout.
const publicAdminRoutes = new Set(['admin+/_layout', 'admin+/login', 'admin+/logout', 'admin+/set-password.$token'])

const routesDir = path.join(process.cwd(), 'app', 'routes')
// Every route module under admin+/, however deep (private `__` modules are not routes).
const routeFiles = new Map(
  (readdirSync(path.join(routesDir, 'admin+'), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !path.basename(f).startsWith('__'))
    .map((f) => [`admin+/${f.replace(/\.tsx?$/, '')}`, path.join(routesDir, 'admin+', f)]),
)
const importRoute = (file: string) =>
  import(/* @vite-ignore */ routeFiles.get(file) ?? `missing route ${file}`) as Promise<Record<string, unknown>>

let db: TestDatabase
let world: StaffWorld
const cookies = new Map<Persona, string>()
let csrf: { token: string; cookie: string }

beforeAll(async () => {
  db = await useTestDatabaseForApp('pglite')
  world = await createStaffWorld(db.prisma)
  await addSchoolOffer(db.prisma, world)
  // A pending request far enough ahead that approving it is a real decision (for those allowed to make it).
  const offer = await db.prisma.schoolOffer.findUniqueOrThrow({
    where: { venueId: world.venue.id },
    include: { slots: true, courses: true },
  })
  const start = new Date(Date.now() + 10 * 86400_000)
  const booking = await db.prisma.schoolBooking.create({
    data: {
      code: 'SAAAAAAA',
      manageTokenHash: 'x',
      kind: 'VISIT',
      offerId: offer.id,
      venueId: world.venue.id,
      courseId: offer.courses[0].id,
      slotId: offer.slots[0].id,
      visitDate: start.toISOString().slice(0, 10),
      startsAt: start,
      endsAt: new Date(start.getTime() + 7200_000),
      schoolName: '学校',
      teacherName: '老师',
      phone: '13700001111',
      grade: 'G4',
      students: 20,
      teachers: 2,
      consentAt: new Date(),
    },
  })
  const item = await db.prisma.menuItem.create({
    data: {
      organisationId: world.orgA.id,
      title: '科学秀',
      kind: 'SCIENCE_SHOW',
      audience: '居民',
      durationMinutes: 60,
      minGroup: 10,
      maxGroup: 100,
      leadDays: 3,
      deliversTo: [world.sj.id],
      description: '测试',
    },
  })
  const order = await db.prisma.menuOrder.create({
    data: {
      code: 'MAAAAAAA',
      manageTokenHash: 'y',
      menuItemId: item.id,
      siteName: '书院',
      siteKind: 'COMMUNITY_ACADEMY',
      districtId: world.sj.id,
      siteAddress: '某路',
      siteLat: 31.03,
      siteLng: 121.22,
      contactName: '联系人',
      phone: '13600001111',
      preferredDates: '周六',
      expectedAudience: 30,
      consentAt: new Date(),
    },
  })
  const message = await db.prisma.message.create({
    data: {
      channel: 'SMS',
      recipient: '13900001111',
      template: 'registration.confirmed',
      params: { title: 'T', time: 't', place: 'p', code: 'C', link: 'https://kepu.test/r/x' },
      subjectType: 'Registration',
      subjectId: world.registration.id,
      districtId: world.sj.id,
      status: 'FAILED',
    },
  })
  const series = await db.prisma.sessionSeries.create({
    data: {
      eventId: world.event.id,
      weekdays: [6],
      startMinute: 840,
      endMinute: 930,
      fromDate: '2026-12-01',
      untilDate: '2026-12-31',
      capacity: 10,
      sessions: { connect: { id: world.session.id } },
    },
  })
  const upload = await db.prisma.sheetUpload.create({
    data: {
      userId: world.users.staff.id,
      kind: 'venues',
      fileName: 'venues.xlsx',
      rows: [{ row: 2, values: { key: 'V1', name: '基地' } }],
    },
  })
  const lecturer = await db.prisma.lecturer.create({
    data: {
      districtId: world.sj.id,
      name: '讲师',
      organisation: '单位',
      title: '',
      topics: ['ai'],
      audiences: ['adults'],
      monthlyCapacity: 2,
      bio: '测试讲师简介',
    },
  })
  const { createCompetition } = await import('~/models/competitions/spec')
  const competitionId = await createCompetition(db.prisma, {
    slug: 'access-competition',
    title: '松江区青少年科学表演大赛',
    edition: 2026,
    summary: '测试',
    organiser: '松江区科委',
    districtId: world.sj.id,
    signUpOpensAt: new Date(Date.now() - 86400_000),
    signUpClosesAt: new Date(Date.now() + 86400_000),
    entryClosesAt: new Date(Date.now() + 2 * 86400_000),
    minTeamSize: 1,
    maxTeamSize: 3,
    oneDistrict: true,
    categories: [{ name: '小学组', nameEn: 'Primary', minGrade: 1, maxGrade: 5 }],
    rounds: [{ name: '初赛', nameEn: 'First round', criteria: [{ name: '科学性', nameEn: 'Science', weight: 100 }] }],
    awards: [],
  })
  const round = await db.prisma.competitionRound.findFirstOrThrow({ where: { competitionId } })
  await db.prisma.competitionJudge.create({ data: { competitionId, userId: world.users.staff.id, lead: true } })
  const volunteerRole = await db.prisma.volunteerRole.create({
    data: {
      districtId: world.sj.id,
      organisationId: world.orgA.id,
      sessionId: world.session.id,
      title: '讲解',
      headcount: 2,
      startsAt: world.session.startsAt,
      endsAt: world.session.endsAt,
      briefing: '说明',
    },
  })
  const volunteer = await db.prisma.volunteer.create({
    data: {
      resident: { create: { phone: '13500001111', passwordHash: 'x', passportCode: 'PVOL0001' } },
      name: '志愿者',
      districtIds: [world.sj.id],
      code: 'VVVV2345',
    },
  })
  const onlineResource = await db.prisma.onlineResource.create({
    data: {
      slug: 'access-online',
      districtId: world.sj.id,
      kind: 'VIDEO',
      title: '测试视频',
      summary: '测试视频简介',
      url: 'https://example.org/v',
      topics: ['space'],
      audiences: ['pupils'],
      source: '测试',
      licence: '仅限浏览',
      published: true,
    },
  })
  const point = await db.prisma.venue.create({
    data: {
      slug: 'access-point',
      name: '测试科普屏',
      type: 'DIGITAL_POINT',
      districtId: world.sj.id,
      lat: world.venue.lat,
      lng: world.venue.lng,
      source: 'test',
      digitalPoint: { create: { kind: 'SCREEN', keeper: '测试居委会' } },
    },
  })
  world = Object.assign(world, {
    pointId: point.id,
    onlineResourceId: onlineResource.id,
    lecturerId: lecturer.id,
    competitionId,
    roundId: round.id,
    volunteerRoleId: volunteerRole.id,
    volunteerId: volunteer.id,
    baseApplicationId: (
      await db.prisma.baseApplication.create({
        data: {
          venueId: world.venue.id,
          levelKey: 'district-base',
          districtId: world.sj.id,
          applicantId: world.users.staff.id,
          status: 'SUBMITTED',
          summary: '测试申报',
        },
      })
    ).id,
    baseReviewId: (
      await db.prisma.baseReview.create({
        data: {
          designation: {
            create: { venueId: world.venue.id, levelKey: 'district-base', year: 2025, validFrom: new Date('2025-01-01'), status: 'ACTIVE' },
          },
          venue: { connect: { id: world.venue.id } },
          district: { connect: { id: world.sj.id } },
          level: { connect: { key: 'district-base' } },
          year: 2026,
          deadline: new Date('2027-01-31'),
          measuredAt: new Date(),
        },
      })
    ).id,
    schoolBookingId: booking.id,
    menuItemId: item.id,
    menuOrderId: order.id,
    messageId: message.id,
    seriesId: series.id,
    importId: upload.id,
  })
  // A file attached to organisation A's application, in a store folder of this test's own.
  const { localStore, useFileStore } = await import('~/utils/infra/storage/index.server')
  const { mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const store = localStore(await mkdtemp(path.join(tmpdir(), 'kepu-access-files-')))
  useFileStore(store)
  await store.put('base-attachment/2026-12/plan.pdf', new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), 'application/pdf')
  world.joinRequestId = (
    await db.prisma.organisationJoinRequest.create({
      data: {
        organisationName: '松江入驻测试单位',
        kind: 'OTHER',
        districtId: world.sj.id,
        venueName: '入驻测试场馆',
        venueAddress: '松江区某路 3 号',
        contactName: '测试联系人',
        contactEmail: 'join@kepu.test',
        phone: '13900009999',
        note: '面向社区居民开展科普讲座和动手实验活动。',
      },
    })
  ).id
  world.baseAttachmentId = (
    await db.prisma.baseAttachment.create({
      data: {
        applicationId: world.baseApplicationId,
        key: 'base-attachment/2026-12/plan.pdf',
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
        byteSize: 15,
      },
    })
  ).id
  const { startSession } = await import('~/utils/auth.server')
  const { adminCsrf } = await import('~/utils/form-security.server')
  const issued = await adminCsrf(new Request('http://kepu.test/admin'))
  csrf = { token: issued.csrfToken, cookie: issued.headers!['Set-Cookie'].split(';')[0] }
  for (const persona of personas) {
    if (persona === 'anonymous') continue
    const setCookie = await startSession(new Request('http://kepu.test/admin/login'), world.users[persona].id)
    cookies.set(persona, setCookie.split(';')[0])
  }
})

afterAll(async () => {
  await db?.drop()
})

async function call(testCase: Case, persona: Persona): Promise<{ status: number; location: string | null }> {
  const module = (await importRoute(testCase.file)) as Record<string, RouteFunction>
  const fn = module[testCase.kind]
  expect(fn, `${testCase.file} has a ${testCase.kind}`).toBeTypeOf('function')
  const headers = new Headers({ Cookie: [csrf.cookie, cookies.get(persona)].filter(Boolean).join('; ') })
  let init: RequestInit = { headers }
  if (testCase.kind === 'action') {
    const form = new URLSearchParams({ csrf: csrf.token, ...(testCase.body?.(world) ?? {}) })
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    init = { method: 'POST', headers, body: form }
  }
  const request = new Request(`http://kepu.test${testCase.path(world)}`, init)
  let response: unknown
  try {
    response = await fn({ request, params: testCase.params?.(world) ?? {}, context: {} })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    response = thrown
  }
  if (!(response instanceof Response)) return { status: 200, location: null }
  return { status: response.status, location: response.headers.get('Location') }
}

describe.each(cases)('$kind of $file', (testCase) => {
  it.each(personas)('%s', async (persona) => {
    const { status, location } = await call(testCase, persona)
    if (persona === 'anonymous') {
      expect(status).toBe(302)
      expect(location).toMatch(/^\/admin\/login\?redirectTo=/)
    } else if (testCase.allowed.includes(persona)) {
      // Past the guard: the page, or the form's own answer to a harmless body (400, 409), never a refusal.
      expect([401, 403, 404]).not.toContain(status)
      expect(location ?? '').not.toMatch(/^\/admin\/login/)
    } else {
      expect([403, 404]).toContain(status)
    }
  })
})

it('no admin loader writes (issue "No GET writes"): every GET leaves the audit log and the rate limits as they were', async () => {
  const counts = async () => [await db.prisma.auditEntry.count(), await db.prisma.rateLimitBucket.count()]
  const before = await counts()
  for (const testCase of cases.filter((c) => c.kind === 'loader')) await call(testCase, 'platformAdmin')
  // The full-number export by the old GET link answers masked numbers and logs nothing; its POST logs, with the purpose.
  // The same for the .xlsx twin.
  for (const file of ['admin+/sessions+/$sessionId.export[.csv]', 'admin+/sessions+/$sessionId.export[.xlsx]']) {
    const exportLoader = cases.find((c) => c.file === file && c.kind === 'loader')!
    await call({ ...exportLoader, path: (w) => `${exportLoader.path(w)}?full=1` }, 'platformAdmin')
    expect(await counts()).toEqual(before)
  }
  const logged = () => db.prisma.auditEntry.count({ where: { action: 'registration.export_full' } })
  for (const file of ['admin+/sessions+/$sessionId.export[.csv]', 'admin+/sessions+/$sessionId.export[.xlsx]']) {
    const loggedBefore = await logged()
    await call(
      cases.find((c) => c.file === file && c.kind === 'action')!,
      'platformAdmin',
    )
    expect(await logged()).toBe(loggedBefore + 1)
    expect(await db.prisma.auditEntry.findFirst({ where: { action: 'registration.export_full' }, orderBy: { at: 'desc' } })).toMatchObject({
      summary: expect.stringContaining('用途：测试'),
    })
  }
})

it('the table covers every admin route with a loader or an action', async () => {
  // The folder is read recursively: routes in nested feature folders count too.
  expect([...routeFiles.keys()]).toEqual(
    expect.arrayContaining(['admin+/_index', 'admin+/events+/$eventId', 'admin+/sessions+/$sessionId.export[.csv]']),
  )
  for (const file of routeFiles.keys()) {
    if (publicAdminRoutes.has(file)) continue
    const module = await importRoute(file)
    for (const kind of ['loader', 'action'] as const) {
      if (typeof module[kind] !== 'function') continue
      expect(
        cases.some((c) => c.file === file && c.kind === kind),
        `${kind} of ${file} is in the access table`,
      ).toBe(true)
    }
  }
})

it('a forged admin post (no CSRF token) is refused even for a platform admin', async () => {
  const module = await import('~/routes/admin+/venues+/new')
  const request = new Request('http://kepu.test/admin/venues/new', {
    method: 'POST',
    headers: { Cookie: cookies.get('platformAdmin')!, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: '伪造' }),
  })
  const thrown = await module.action({ request, params: {}, context: {} }).catch((e: unknown) => e)
  expect(thrown).toBeInstanceOf(Response)
  expect((thrown as Response).status).toBe(403)
})
