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
}

export interface TopicPage {
  total: number;
  page: number;
  pageSize: number;
  items: Topic[];
}

export interface Council {
  scheduledAt: string;
  place: string;
  attendees: string[];
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

export interface TopicDetail extends Topic {
  council: Council | null;
  vote: Vote | null;
  actions: Action[];
  progress: number;
  rights: { see: boolean; discuss: boolean; vote: boolean; moderate: boolean; manage: boolean };
  nextActions: TopicAction[];
  hideAfterReports: number;
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

export interface CommentList {
  items: Comment[];
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
}

export interface PublicAccountability {
  unit: { code: string; name: string; kind: string };
  figures: { topics: number; byStatus: Record<TopicStatus, number>; actions: number; actionsDone: number; actionsOverdue: number };
  topics: PublicTopic[];
}
