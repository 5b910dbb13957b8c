// The window's only way to the engine. `bindings.ts` (generated from the Rust commands) is the
// single caller of `invoke`; this module turns its results into values or a `CommandError`, and
// components import from here only.
import {
  commands,
  type ApiError,
  type DeletedEntry,
  type EntryDraft,
  type EntryQuery,
  type CaseStudyDraft,
  type ClearanceDraft,
  type ClientDraft,
  type CourseDraft,
  type ExamDraft,
  type FeeDraft,
  type IntakeDraft,
  type PresentationDraft,
  type SessionDraft,
  type ContactBy,
  type MentorDraft,
  type MentorQuery,
  type Attended,
  type EventStatus,
  type Owner,
  type Profile,
} from "./bindings";

export type {
  Activity, ApiError, AppStatus, Attachment, Backup, BackupStatus, RecordCounts, DeletedEntry, Owner, SavedFile, Category, Dashboard, Entry, EntryDraft, EntryPage, EntryQuery,
  CaseStudy, CaseStudyDraft, Certification, Clearance, Client, ClientDraft, ClientOverview, ClientSummary, Course,
  CourseDraft, Exam, ExamDraft, Hit, Intake, IntakeDraft, PathReadiness, Presentation, PresentationDraft,
  FlaggedItem, Screen, ScreenAnswer, Session, SessionDraft, SessionKind, Technique, TechniqueList, Training,
  EntryLock, EntrySort, FeeDraft, Format, ImportSummary, SubmissionDetail, SubmissionState, SubmissionSummary, Mentor, MentorDraft, MonthTotals, Profile, RuleSet,
  CategoryHours, ContactBy, Country, ImportedMentors, MentorChoices, MentorDirectory, MentorImportSummary, MentorPage,
  MentorQuery, MentorRole, RoleChoice, RowError, SkippedMentor,
  Agenda, AttendChoice, Attended, CalendarGlance, CalendarImport, CalendarMonth, Event, EventStatus, EventView, GapFill, GridDay, ImportedCalendar,
  MonthRef, PrerequisiteMark, StatusChoice, StoredEvent,
} from "./bindings";

/** An error from the engine, with the field it belongs to when there is one. */
export class CommandError extends Error {
  readonly code: ApiError["code"];
  readonly field: string | null;
  constructor(error: ApiError) {
    super(error.message);
    this.name = "CommandError";
    this.code = error.code;
    this.field = error.field ?? null;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const outcome = await call;
  if (outcome.status === "ok") return outcome.data;
  throw new CommandError(outcome.error);
}

export const api = {
  status: () => commands.appStatus(),
  checkRecord: () => unwrap(commands.checkRecord()),
  profile: () => unwrap(commands.getProfile()),
  saveProfile: (profile: Profile) => unwrap(commands.saveProfile(profile)),
  loadDemo: () => unwrap(commands.loadDemo()),
  uiReady: () => commands.uiReady(),
  setUnsaved: (unsaved: boolean) => commands.setUnsaved(unsaved),
  closeWindow: () => unwrap(commands.closeWindow()),
  showDataFolder: () => unwrap(commands.showDataFolder()),
  ruleSet: () => unwrap(commands.ruleSet()),
  readHours: (text: string) => commands.readHours(text),
  dashboard: () => unwrap(commands.dashboard()),
  backupStatus: () => unwrap(commands.backupStatus()),
  calendarGlance: () => unwrap(commands.calendarGlance()),
  backUpIfDue: () => unwrap(commands.backUpIfDue()),
  reminderMinutes: () => unwrap(commands.reminderMinutes()),
  setReminderMinutes: (minutes: number) => unwrap(commands.setReminderMinutes(minutes)),
  backUpNow: () => unwrap(commands.backUpNow()),
  chooseBackupFolder: () => unwrap(commands.chooseBackupFolder()),
  useDefaultBackupFolder: () => unwrap(commands.useDefaultBackupFolder()),
  entries: (query: EntryQuery) => unwrap(commands.listEntries(query)),
  addEntry: (entry: EntryDraft) => unwrap(commands.addEntry(entry)),
  updateEntry: (id: number, entry: EntryDraft) => unwrap(commands.updateEntry(id, entry)),
  deleteEntry: (id: number) => unwrap(commands.deleteEntry(id)),
  restoreEntry: (deleted: DeletedEntry) => unwrap(commands.restoreEntry(deleted)),
  attachFile: async (owner: Owner, file: File) =>
    unwrap(commands.attachFile(owner, file.name, await base64Of(file))),
  attachments: (owner: Owner) => unwrap(commands.listAttachments(owner)),
  openAttachment: (id: number) => unwrap(commands.openAttachment(id)),
  detachFile: (id: number) => unwrap(commands.detachFile(id)),
  exportCsv: () => unwrap(commands.exportCsv()),
  mentors: () => unwrap(commands.listMentors()),
  saveMentor: (id: number | null, mentor: MentorDraft) => unwrap(commands.saveMentor(id, mentor)),
  deleteMentor: (id: number) => unwrap(commands.deleteMentor(id)),
  findMentors: (query: MentorQuery) => unwrap(commands.findMentors(query)),
  mentorPage: (id: number) => unwrap(commands.mentorPage(id)),
  mentorChoices: () => commands.mentorChoices(),
  importMentors: () => unwrap(commands.importMentors()),
  exportMentors: () => unwrap(commands.exportMentors()),
  contactMentor: (id: number, by: ContactBy) => unwrap(commands.contactMentor(id, by)),
  calendarMonth: (year: number, month: number) => unwrap(commands.calendarMonth(year, month)),
  calendarAgenda: () => unwrap(commands.calendarAgenda()),
  importCalendar: () => unwrap(commands.importCalendar()),
  exportCalendar: (id: number | null) => unwrap(commands.exportCalendar(id)),
  setEventStatus: (id: number, status: EventStatus | null) => unwrap(commands.setEventStatus(id, status)),
  attendEventDraft: (id: number) => unwrap(commands.attendEventDraft(id)),
  logAttendedEvent: (id: number, entry: EntryDraft, how: Attended) => unwrap(commands.logAttendedEvent(id, entry, how)),
  importCsv: () => unwrap(commands.importCsv()),
  saveCsvTemplate: () => unwrap(commands.saveCsvTemplate()),
  submissions: () => unwrap(commands.listSubmissions()),
  submission: (id: number) => unwrap(commands.getSubmission(id)),
  claimCredits: (credits: number) => unwrap(commands.claimCredits(credits)),
  markSent: (id: number, sentOn: string, fee: FeeDraft, paidBy: string) =>
    unwrap(commands.markSent(id, sentOn, fee, paidBy)),
  markCredited: (id: number, creditedOn: string) => unwrap(commands.markCredited(id, creditedOn)),
  reopenSubmission: (id: number) => unwrap(commands.reopenSubmission(id)),
  discardSubmission: (id: number) => unwrap(commands.discardSubmission(id)),
  openForm: (id: number) => unwrap(commands.openForm(id)),
  saveForm: (id: number) => unwrap(commands.saveForm(id)),
  saveBlankForm: () => unwrap(commands.saveBlankForm()),
  intakeScreen: () => unwrap(commands.intakeScreen()),
  techniques: () => unwrap(commands.techniques()),
  clients: () => unwrap(commands.listClients()),
  findClients: (query: string) => unwrap(commands.findClients(query)),
  clientOverview: (id: number) => unwrap(commands.clientOverview(id)),
  saveClient: (id: number | null, client: ClientDraft) => unwrap(commands.saveClient(id, client)),
  deleteClient: (id: number) => unwrap(commands.deleteClient(id)),
  saveIntake: (clientId: number, intake: IntakeDraft) => unwrap(commands.saveIntake(clientId, intake)),
  addClearance: (clearance: ClearanceDraft) => unwrap(commands.addClearance(clearance)),
  deleteClearance: (id: number) => unwrap(commands.deleteClearance(id)),
  saveSession: (id: number | null, session: SessionDraft) => unwrap(commands.saveSession(id, session)),
  deleteSession: (id: number) => unwrap(commands.deleteSession(id)),
  caseStudies: () => unwrap(commands.listCaseStudies()),
  draftCaseStudy: (clientId: number) => unwrap(commands.draftCaseStudy(clientId)),
  checkCaseStudy: (draft: CaseStudyDraft) => unwrap(commands.checkCaseStudy(draft)),
  saveCaseStudy: (id: number | null, draft: CaseStudyDraft) => unwrap(commands.saveCaseStudy(id, draft)),
  deleteCaseStudy: (id: number) => unwrap(commands.deleteCaseStudy(id)),
  certification: () => unwrap(commands.certification()),
  training: () => unwrap(commands.training()),
  saveCourse: (id: number | null, course: CourseDraft) => unwrap(commands.saveCourse(id, course)),
  deleteCourse: (id: number) => unwrap(commands.deleteCourse(id)),
  saveExam: (id: number | null, exam: ExamDraft) => unwrap(commands.saveExam(id, exam)),
  deleteExam: (id: number) => unwrap(commands.deleteExam(id)),
  savePresentation: (id: number | null, p: PresentationDraft) => unwrap(commands.savePresentation(id, p)),
  deletePresentation: (id: number) => unwrap(commands.deletePresentation(id)),
  savePortfolio: (caseStudies: number[] | null) => unwrap(commands.savePortfolio(caseStudies)),
  openPortfolio: (caseStudies: number[] | null) => unwrap(commands.openPortfolio(caseStudies)),
};

/** A file's bytes as base64, the way `attach_file` takes them. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error(`"${file.name}" could not be read; try choosing it again.`));
    reader.readAsDataURL(file);
  });
}
