// The deliberation hall's API (议事厅). The people of a place raise topics, discuss, report and vote
// (deliberation.participate, decided per place by their grants); moderators hide and restore
// comments (deliberation.moderate); managers run councils, votes, decisions and follow-up actions
// (deliberation.manage). A topic's author and its managers add and remove its photos while they may
// correct it. The accountability page of a community, with the photos of its topics, is public.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import * as actions from './actions.ts';
import * as discussion from './discussion.ts';
import * as photos from './photos.ts';
import { publicAccountability, publicPhoto } from './public.ts';
import {
  actionBody, actionPatch, attendeeQuery, ballotBody, commentBody, commentsQuery, councilBody, councilPatch, decideBody, editBody, listQuery, openVoteBody, photoParams, publicQuery, raiseBody, reasonBody,
  reportBody, settingsBody,
} from './schemas.ts';
import * as settings from './settings.ts';
import * as topics from './topics.ts';
import { castBallot } from './votes.ts';

const tags = ['deliberation'];

async function uploaded(req: FastifyRequest) {
  const part = req.isMultipart() ? await req.file() : undefined;
  if (!part) throw new AppError(400, 'error.file_required');
  return part.toBuffer();
}

function sendPhoto(reply: FastifyReply, photo: { mime: string; data: Uint8Array }, cache: string) {
  reply.header('content-type', photo.mime).header('cache-control', cache);
  return Buffer.from(photo.data);
}

export const deliberationRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/deliberation/places', summary: 'The villages, communities and grids where I may raise a topic', tags, access: 'session', handler: ({ ctx }) => topics.myPlaces(ctx) }),
  route({ method: 'GET', url: '/api/deliberation/topics', summary: 'Topics of my community and grids (and of the units I manage or moderate), newest first', tags, access: 'deliberation.participate', query: listQuery, handler: ({ ctx, query }) => topics.listTopics(ctx, query) }),
  route({
    method: 'POST', url: '/api/deliberation/topics', summary: 'Raise a topic (议题) for a village, community or grid where I have a role', tags, access: 'deliberation.participate', body: raiseBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return topics.raiseTopic(ctx, body);
    },
  }),
  route({ method: 'GET', url: '/api/deliberation/topics/:id', summary: 'One topic: council, vote (tally after closing), decision, actions, and what I may do', tags, access: 'deliberation.participate', params: idParams, handler: ({ ctx, params }) => topics.getTopic(ctx, params.id) }),
  route({
    // Participants may call it; the service lets the author (before anyone responds) and the place's managers (until the vote) edit.
    method: 'PATCH', url: '/api/deliberation/topics/:id', summary: 'Correct a topic’s title or text: its author before any comment or vote, a manager until the vote opens (audited)', tags, access: 'deliberation.participate', params: idParams, body: editBody,
    handler: ({ ctx, params, body }) => topics.editTopic(ctx, params.id, body),
  }),
  route({
    method: 'POST', url: '/api/deliberation/topics/:id/photos', summary: 'Add a photo to a topic (JPEG, PNG or WebP, at most 5 MB, six per topic): whoever may correct it, while they may (audited)', tags, access: 'deliberation.participate', params: idParams, upload: true,
    async handler({ ctx, params, req, reply }) {
      const data = await uploaded(req);
      reply.code(201);
      return photos.addPhoto(ctx, params.id, data);
    },
  }),
  route({ method: 'GET', url: '/api/deliberation/topics/:id/photos/:photoId', summary: 'A photo of a topic, to whoever may see the topic', tags, access: 'deliberation.participate', params: photoParams, handler: async ({ ctx, params, reply }) => sendPhoto(reply, await photos.getPhoto(ctx, params.id, params.photoId), 'private, max-age=3600') }),
  route({ method: 'DELETE', url: '/api/deliberation/topics/:id/photos/:photoId', summary: 'Remove a photo of a topic: whoever may correct it, while they may (audited)', tags, access: 'deliberation.participate', params: photoParams, handler: ({ ctx, params }) => photos.removePhoto(ctx, params.id, params.photoId) }),
  route({ method: 'GET', url: '/api/deliberation/topics/:id/comments', summary: 'A page of the discussion, oldest first, with the next page’s cursor; hidden comments come without text except to their author and moderators', tags, access: 'deliberation.participate', params: idParams, query: commentsQuery, handler: ({ ctx, params, query }) => discussion.listComments(ctx, params.id, query) }),
  route({
    method: 'POST', url: '/api/deliberation/topics/:id/comments', summary: 'Comment on a topic under discussion', tags, access: 'deliberation.participate', params: idParams, body: commentBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return discussion.addComment(ctx, params.id, body.body);
    },
  }),
  route({
    method: 'POST', url: '/api/deliberation/comments/:id/report', summary: 'Report a comment (once per person); enough reports hide it', tags, access: 'deliberation.participate', params: idParams, body: reportBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return discussion.reportComment(ctx, params.id, body.reason);
    },
  }),
  route({ method: 'POST', url: '/api/deliberation/comments/:id/hide', summary: 'Hide a comment (moderator of the place)', tags, access: 'deliberation.moderate', params: idParams, body: reportBody, handler: ({ ctx, params, body }) => discussion.moderateComment(ctx, params.id, 'hide', body.reason) }),
  route({ method: 'POST', url: '/api/deliberation/comments/:id/restore', summary: 'Restore a hidden comment (moderator of the place)', tags, access: 'deliberation.moderate', params: idParams, body: reportBody, handler: ({ ctx, params, body }) => discussion.moderateComment(ctx, params.id, 'restore', body.reason) }),
  route({ method: 'PUT', url: '/api/deliberation/topics/:id/ballot', summary: 'Cast or change my vote while the vote is open (people of the place only)', tags, access: 'deliberation.participate', params: idParams, body: ballotBody, handler: ({ ctx, params, body }) => castBallot(ctx, params.id, body.option) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/council', summary: 'Schedule the council meeting (议事会): open → council', tags, access: 'deliberation.manage', params: idParams, body: councilBody, handler: ({ ctx, params, body }) => topics.scheduleCouncil(ctx, params.id, body) }),
  route({ method: 'PATCH', url: '/api/deliberation/topics/:id/council', summary: 'Reschedule the council, record attendees (picked people and free-text names) and minutes (会议纪要)', tags, access: 'deliberation.manage', params: idParams, body: councilPatch, handler: ({ ctx, params, body }) => topics.updateCouncil(ctx, params.id, body) }),
  route({ method: 'GET', url: '/api/deliberation/topics/:id/council/candidates', summary: 'Members and accounts of the topic’s village or community to pick as council attendees', tags, access: 'deliberation.manage', params: idParams, query: attendeeQuery, handler: ({ ctx, params, query }) => topics.attendeeCandidates(ctx, params.id, query.q) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/vote', summary: 'Open the vote with its options and closing time: council → voting', tags, access: 'deliberation.manage', params: idParams, body: openVoteBody, handler: ({ ctx, params, body }) => topics.openVote(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/vote/close', summary: 'Close the vote before its closing time', tags, access: 'deliberation.manage', params: idParams, handler: ({ ctx, params }) => topics.closeVote(ctx, params.id) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/decide', summary: 'Record the decision once the vote has closed: voting → decided', tags, access: 'deliberation.manage', params: idParams, body: decideBody, handler: ({ ctx, params, body }) => topics.decide(ctx, params.id, body.decision) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/start', summary: 'Start implementing: decided → implementing', tags, access: 'deliberation.manage', params: idParams, handler: ({ ctx, params }) => topics.startImplementing(ctx, params.id) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/complete', summary: 'Complete the topic once every action is done: implementing → completed', tags, access: 'deliberation.manage', params: idParams, handler: ({ ctx, params }) => topics.complete(ctx, params.id) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/reject', summary: 'Do not accept the topic (不予受理), with a reason', tags, access: 'deliberation.manage', params: idParams, body: reasonBody, handler: ({ ctx, params, body }) => topics.reject(ctx, params.id, body.reason) }),
  route({ method: 'POST', url: '/api/deliberation/topics/:id/close', summary: 'Close the topic (关闭), with a reason', tags, access: 'deliberation.manage', params: idParams, body: reasonBody, handler: ({ ctx, params, body }) => topics.close(ctx, params.id, body.reason) }),
  route({
    method: 'POST', url: '/api/deliberation/topics/:id/actions', summary: 'Add a follow-up action (落实事项) to a decided topic', tags, access: 'deliberation.manage', params: idParams, body: actionBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return actions.addAction(ctx, params.id, body);
    },
  }),
  route({ method: 'PATCH', url: '/api/deliberation/actions/:id', summary: 'Move a follow-up action on (status, progress, note; a delay needs a note)', tags, access: 'deliberation.manage', params: idParams, body: actionPatch, handler: ({ ctx, params, body }) => actions.updateAction(ctx, params.id, body) }),
  route({ method: 'GET', url: '/api/deliberation/settings', summary: 'How many reports hide a comment', tags, access: 'session', handler: ({ ctx }) => settings.getSettings(ctx) }),
  route({ method: 'PUT', url: '/api/deliberation/settings', summary: 'Set how many reports hide a comment (system administrator)', tags, access: 'deliberation.manage', body: settingsBody, handler: ({ ctx, body }) => settings.updateSettings(ctx, body) }),
  route({ method: 'GET', url: '/api/public/deliberation', summary: 'A community’s accountability page: topics, decisions, votes once closed, actions with progress — nothing personal', tags, access: 'public', query: publicQuery, handler: ({ ctx, query }) => publicAccountability(ctx, query.unit) }),
  // Short-lived in shared caches: a photo removed, or a place archived, should not linger for long.
  route({ method: 'GET', url: '/api/public/deliberation/topics/:id/photos/:photoId', summary: 'A photo of a topic that a public accountability page shows', tags, access: 'public', params: photoParams, handler: async ({ ctx, params, reply }) => sendPhoto(reply, await publicPhoto(ctx, params.id, params.photoId), 'public, max-age=300') }),
];
