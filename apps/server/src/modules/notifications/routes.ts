// The notifications API: one's own inbox (a session is enough: everyone has one), and the
// outbound channels with their deliveries (warning.manage on the channel's unit).
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import * as channels from './channels.ts';
import * as inbox from './inbox.ts';
import { channelListQuery, createChannelBody, deadQuery, deliveriesQuery, inboxQuery, patchChannelBody } from './schemas.ts';

const tags = ['notifications'];

export const notificationRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/inbox', summary: 'My notifications, newest first (unread=1: only unread)', tags, access: 'session', query: inboxQuery, handler: ({ ctx, query }) => inbox.listInbox(ctx, query) }),
  route({ method: 'GET', url: '/api/inbox/unread-count', summary: 'How many of my notifications are unread', tags, access: 'session', handler: ({ ctx }) => inbox.unreadCount(ctx) }),
  route({ method: 'POST', url: '/api/inbox/read-all', summary: 'Mark all my notifications read', tags, access: 'session', handler: ({ ctx }) => inbox.markAllRead(ctx) }),
  route({ method: 'POST', url: '/api/inbox/:id/read', summary: 'Mark one of my notifications read', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => inbox.markRead(ctx, params.id) }),

  route({ method: 'GET', url: '/api/channels', summary: 'Outbound channels (signed webhook, e-mail) of my units or of one unit’s subtree', tags, access: 'warning.manage', query: channelListQuery, handler: ({ ctx, query }) => channels.listChannels(ctx, query.unitId) }),
  route({ method: 'GET', url: '/api/channels/:id', summary: 'One outbound channel with its pending and dead deliveries counted', tags, access: 'warning.manage', params: idParams, handler: ({ ctx, params }) => channels.getChannel(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/channels', summary: 'Set up an outbound channel; its secret is stored encrypted and never shown again', tags, access: 'warning.manage', body: createChannelBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return channels.createChannel(ctx, body);
    },
  }),
  route({ method: 'PATCH', url: '/api/channels/:id', summary: 'Change a channel: name, events, on/off, configuration (a secret only when given)', tags, access: 'warning.manage', params: idParams, body: patchChannelBody, handler: ({ ctx, params, body }) => channels.updateChannel(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/channels/:id/test', summary: 'Send a test message through a channel now and answer with the outcome', tags, access: 'warning.manage', params: idParams, handler: ({ ctx, params }) => channels.testChannel(ctx, params.id) }),
  route({ method: 'GET', url: '/api/channels/:id/deliveries', summary: 'A channel’s deliveries, newest first, by status', tags, access: 'warning.manage', params: idParams, query: deliveriesQuery, handler: ({ ctx, params, query }) => channels.listDeliveries(ctx, params.id, query) }),
  route({ method: 'GET', url: '/api/deliveries/dead', summary: 'The dead-letter list: deliveries given up, across the channels I manage', tags, access: 'warning.manage', query: deadQuery, handler: ({ ctx, query }) => channels.deadLetters(ctx, query) }),
  route({ method: 'POST', url: '/api/deliveries/:id/retry', summary: 'Put a dead delivery back in the queue, its attempts counted afresh', tags, access: 'warning.manage', params: idParams, handler: ({ ctx, params }) => channels.retryDelivery(ctx, params.id) }),
];
