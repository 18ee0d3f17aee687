import type { Transaction } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';
import { auditActionLabel } from '../../../shared/schemas/audit.ts';
import {
  findNames,
  findProfile,
  findScimUser,
  listActionItems,
  listAssessments,
  listContracts,
  listConversationEvents,
  listConversations,
  listEmails,
  listManagerPreps,
  listOwnPrivateNotes,
  listPlacements,
  listPrepAnswers,
  listReportingLines,
  listSsoIdentities,
  listSummaryResponses,
  listSummaryVersions,
  listWhatMatters,
  listHandovers,
  listReminderPreferences,
} from './personal-export.repository.ts';

/** Everything one person may read about themself, gathered in one consistent read. */
export async function gatherPersonalExport(db: Transaction, personId: string, generatedAt: string) {
  const profile = await findProfile(db, personId);
  if (!profile) throw new NotFoundError('person');
  const conversations = await listConversations(db, personId);
  const ids = conversations.map((c) => c.id);
  const [lines, placements, events, prep, managerPreps, notes, summaries, responses, items] =
    await Promise.all([
      listReportingLines(db, personId),
      listPlacements(db, personId),
      listConversationEvents(db, ids),
      listPrepAnswers(db, personId, ids),
      listManagerPreps(db, personId),
      listOwnPrivateNotes(db, personId),
      listSummaryVersions(db, ids),
      listSummaryResponses(db, ids),
      listActionItems(db, personId),
    ]);
  const [reminders, handovers] = await Promise.all([
    listReminderPreferences(db, personId),
    listHandovers(db, personId),
  ]);
  const [whatMatters, assessments, contracts, emails, sso, scim, audit] = await Promise.all([
    listWhatMatters(db, personId),
    listAssessments(db, personId),
    listContracts(db, personId),
    listEmails(db, personId),
    listSsoIdentities(db, personId),
    findScimUser(db, personId),
    listAuditEvents(db, { subjectId: personId, limit: 100_000 }),
  ]);
  const names = await findNames(db, [
    ...audit.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
    ...items.flatMap((i) => [i.engineer_id, i.manager_id]),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? 'someone') : 'the system');
  const revealed = new Set(
    assessments.assessments
      .filter(
        (a) =>
          assessments.sides.filter((s) => s.assessment_id === a.id && s.submitted_at).length === 2,
      )
      .map((a) => a.id),
  );

  return {
    format: 'trajectory-personal-export',
    version: 1,
    generatedAt,
    profile: {
      id: profile.id,
      name: profile.name,
      email: profile.email,
      title: profile.title,
      team: profile.team,
      timezone: profile.timezone,
      startDate: profile.start_date,
      isAdmin: profile.is_admin,
      isPeopleTeam: profile.is_people_team,
      isActive: profile.is_active,
      joinedTrajectoryAt: profile.created_at,
    },
    reportingLines: lines.map((l) => ({
      reportName: l.report_name,
      managerName: l.manager_name,
      isYouTheReport: l.report_id === personId,
      startsOn: l.starts_on,
      endsOn: l.ends_on,
    })),
    placements: placements.map((p) => ({
      track: p.track,
      level: p.level,
      effectiveOn: p.effective_on,
      note: p.note,
    })),
    conversations: conversations.map((c) => {
      const isManager = c.manager_id === personId;
      const ownNote = notes.find((n) => n.conversation_id === c.id);
      const ownPrep = managerPreps.find((m) => m.conversation_id === c.id);
      return {
        id: c.id,
        yourRole: isManager ? ('manager' as const) : ('engineer' as const),
        with: isManager ? c.engineer_name : c.manager_name,
        kind: c.kind,
        status: c.status,
        startsAt: c.starts_at,
        durationMinutes: c.duration_minutes,
        place: c.place,
        agenda: c.agenda,
        sharedNotes: c.shared_notes,
        scheduleChanges: events
          .filter((e) => e.conversation_id === c.id)
          .map((e) => ({
            action: e.action,
            startsAt: e.starts_at,
            reason: e.reason,
            at: e.created_at,
          })),
        prep: prep
          .filter((p) => p.conversation_id === c.id)
          .map((p) => ({
            promptKey: p.prompt_key,
            answer: p.answer,
            isYours: p.author_id === personId,
            isShared: p.is_shared,
          })),
        yourPrivateNote: ownNote?.body ?? null,
        yourManagerPrep:
          isManager && ownPrep
            ? {
                hasReviewedWork: ownPrep.has_reviewed_work,
                hasAssessedFramework: ownPrep.has_assessed_framework,
                hasIdentifiedOpportunities: ownPrep.has_identified_opportunities,
                hasTalkingPoints: ownPrep.has_talking_points,
                talkingPoints: ownPrep.talking_points,
              }
            : null,
        unsentSummaryDraft: isManager ? c.summary_draft : null,
        summaries: summaries
          .filter((s) => s.conversation_id === c.id)
          .map((s) => ({
            version: s.version,
            discussed: s.discussed,
            goals: s.goals,
            managerActions: s.manager_actions,
            engineerActions: s.engineer_actions,
            nextCheckInOn: s.next_check_in_on,
            sentAt: s.sent_at,
          })),
        responses: responses
          .filter((r) => r.conversation_id === c.id)
          .map((r) => ({
            version: r.version,
            kind: r.kind,
            comment: r.comment,
            isYours: r.author_id === personId,
            at: r.created_at,
          })),
      };
    }),
    notesYouWroteAboutOthers: notes
      .filter((n) => n.conversation_id === null)
      .map((n) => ({ about: n.subject_name, body: n.body, updatedAt: n.updated_at })),
    actionItems: items.map((i) => ({
      conversationId: i.conversation_id,
      engineer: nameOf(i.engineer_id),
      manager: nameOf(i.manager_id),
      owner: i.owner,
      text: i.text,
      dueOn: i.due_on,
      isDone: i.is_done,
      doneAt: i.done_at,
    })),
    whatMatters: whatMatters.exercises.map((e) => ({
      createdAt: e.created_at,
      isShared: e.shared_with_id !== null,
      sharedAt: e.shared_at,
      values: whatMatters.values
        .filter((v) => v.exercise_id === e.id)
        .map((v) => ({ value: v.value_key, rank: v.rank, points: v.points, note: v.note })),
    })),
    assessments: assessments.assessments.map((a) => {
      const visibleSides = revealed.has(a.id) ? ['engineer', 'manager'] : ['engineer'];
      return {
        targetLevel: a.target_level,
        startedAt: a.created_at,
        isRevealed: revealed.has(a.id),
        items: assessments.items
          .filter((i) => i.assessment_id === a.id)
          .map((i) => ({
            competency: i.competency_name,
            criterion: i.text,
            ratings: assessments.ratings
              .filter((r) => r.item_id === i.id && visibleSides.includes(r.side))
              .map((r) => ({ side: r.side, rating: r.rating, evidence: r.evidence })),
          })),
      };
    }),
    contracts: contracts.contracts.map((c) => ({
      status: c.status,
      currentVersion: c.current_version,
      nextReviewOn: c.next_review_on,
      activatedAt: c.activated_at,
      closedAt: c.closed_at,
      outcomeNote: c.outcome_note,
      versions: contracts.versions
        .filter((v) => v.contract_id === c.id)
        .map((v) => ({
          version: v.version,
          developmentGoal: v.development_goal,
          managerCommitment: v.manager_commitment,
          engineerCommitment: v.engineer_commitment,
          evidenceOfSuccess: v.evidence_of_success,
          reviewCadence: v.review_cadence,
          nextReviewOn: v.next_review_on,
          caveat: v.is_caveat_none_known ? 'None known' : v.caveat,
          notHere: v.not_here,
          transitionSupport: v.transition_support,
          changeNote: v.change_note,
          savedAt: v.saved_at,
          engineerAgreedAt: v.engineer_agreed_at,
          managerAgreedAt: v.manager_agreed_at,
          goals: contracts.goals
            .filter((g) => g.contract_version_id === v.id)
            .map((g) => ({
              description: g.description,
              successCriteria: g.success_criteria,
              supportNeeded: g.support_needed,
              dueOn: g.due_on,
            })),
        })),
      checkIns: contracts.checkIns
        .filter((k) => k.contract_id === c.id)
        .map((k) => ({
          status: k.status,
          note: k.note,
          at: k.created_at,
          isYours: k.author_id === personId,
        })),
    })),
    handovers: handovers.map((h) => ({
      engineer: h.engineer_id === personId ? 'you' : h.engineer_name,
      from: h.from_manager_id === personId ? 'you' : h.from_name,
      to: h.to_name,
      changeOn: h.change_on,
      note: h.written_at ? h.note : null,
      releasedAt: h.released_at,
    })),
    reminderPreferences: reminders.map((r) => ({ kind: r.kind, isEnabled: r.is_enabled })),
    emails: emails.map((e) => ({
      kind: e.kind,
      subject: e.subject,
      queuedAt: e.created_at,
      sentAt: e.sent_at,
    })),
    singleSignOn: sso.map((s) => ({
      issuer: s.issuer,
      subject: s.subject,
      linkedAt: s.created_at,
      lastSignInAt: s.last_sign_in_at,
    })),
    provisioning: scim
      ? {
          userName: scim.user_name,
          externalId: scim.external_id,
          employeeNumber: scim.employee_number,
        }
      : null,
    accessLog: audit.map((e) => ({
      at: e.created_at,
      who: e.actor_id === personId ? 'you' : nameOf(e.actor_id),
      action: e.action,
      label: auditActionLabel(e.action),
      targetType: e.target_type,
      decision: e.decision,
    })),
  };
}

/** The export document: JSON as downloaded, and the source of the Markdown. */
export type PersonalExport = Awaited<ReturnType<typeof gatherPersonalExport>>;
