// The deliberation hall's shapes, as docs/API.md describes them.
import type { ActionStatus, TopicAction, TopicStatus } from '@xianfeng/domain';

export type { ActionStatus, TopicAction, TopicStatus };

export interface Place {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface Topic {
  id: number;
  unitId: number;
  unitName: string;
  unitKind: string;
  title: string;
  description: string;
  category: string;
  status: TopicStatus;
  raisedBy: { id: number; name: string };
  raisedAt: string;
  reason: string | null;
  decision: string | null;
  decidedAt: string | null;
  finishedAt: string | null;
  voteClosesAt: string | null;
  commentCount: number;
  /** The last correction of the title or text (shown as 已编辑), or null. */
  editedAt: string | null;
  editedBy: { id: number; name: string } | null;
}

export interface TopicPage {
  total: number;
  page: number;
  pageSize: number;
  items: Topic[];
}

/** Someone picked from the community's list: a member record, or an account without one. */
export interface KnownPerson {
  memberId: number | null;
  userId: number | null;
  name: string;
}

/** A person the recorder may pick as attendee, with where they are registered. */
export interface AttendeeCandidate extends KnownPerson {
  unitName: string;
}

export interface Council {
  scheduledAt: string;
  place: string;
  /** Free-text names of attendees without an account. */
  attendees: string[];
  people: KnownPerson[];
  attendance: { people: number; guests: number; total: number };
  minutes: string | null;
  minutesAt: string | null;
  minutesBy: string | null;
}

export interface Vote {
  options: string[];
  openedAt: string | null;
  closesAt: string;
  closedAt: string | null;
  open: boolean;
  votes: number;
  electorate: number;
  turnout: number;
  /** Sealed (null) while the vote is open. */
  counts: number[] | null;
  leading: number[] | null;
  myChoice: number | null;
}

export interface Action {
  id: number;
  topicId: number;
  title: string;
  responsibleUnit: { id: number; name: string } | null;
  responsiblePerson: string;
  dueOn: string | null;
  status: ActionStatus;
  progress: number;
  note: string;
  doneAt: string | null;
  updatedAt: string;
  overdue: boolean;
}

/** A photo of a topic; `url` opens it for whoever may see the topic. */
export interface TopicPhoto {
  id: number;
  mime: string;
  size: number;
  createdAt: string;
  url: string;
}

export interface TopicDetail extends Topic {
  council: Council | null;
  vote: Vote | null;
  actions: Action[];
  progress: number;
  rights: { see: boolean; discuss: boolean; vote: boolean; moderate: boolean; manage: boolean };
  nextActions: TopicAction[];
  hideAfterReports: number;
  /** Whether I may correct the title and text, and add or remove photos, now (its author before any response, a manager until the vote). */
  canEdit: boolean;
  photos: TopicPhoto[];
}

export interface Comment {
  id: number;
  author: { id: number; name: string };
  /** Null for a hidden comment, unless it is mine or I moderate. */
  body: string | null;
  hidden: boolean;
  mine: boolean;
  reportedByMe: boolean;
  createdAt: string;
  state?: 'visible' | 'auto_hidden' | 'hidden' | 'restored';
  reports?: number;
}

/** A page of the discussion, oldest first; the figures cover the whole discussion. */
export interface CommentPage {
  items: Comment[];
  total: number;
  /** Moderators only: how many comments are hidden. */
  hiddenCount?: number;
  /** The cursor of the next page, or null on the last. */
  nextCursor: number | null;
  canModerate: boolean;
}

export interface PublicAction {
  id: number;
  title: string;
  responsible: string;
  dueOn: string | null;
  status: ActionStatus;
  progress: number;
  note: string;
  overdue: boolean;
}

export interface PublicTopic {
  id: number;
  unitName: string;
  title: string;
  category: string;
  status: TopicStatus;
  raisedAt: string;
  reason: string | null;
  decision: string | null;
  decidedAt: string | null;
  finishedAt: string | null;
  vote: { options: string[]; closesAt: string; open: boolean; votes: number; electorate: number; turnout: number; counts: number[] | null } | null;
  actions: PublicAction[];
  progress: number;
  /** Public addresses of the topic's photos. */
  photos: Array<{ id: number; url: string }>;
}

export interface PublicAccountability {
  unit: { code: string; name: string; kind: string };
  figures: { topics: number; byStatus: Record<TopicStatus, number>; actions: number; actionsDone: number; actionsOverdue: number };
  topics: PublicTopic[];
}
