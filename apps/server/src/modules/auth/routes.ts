import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { route, type RouteSpec } from '../../core/http.ts';
import { changePassword, loadAuth, login, logout, me, SESSION_TTL_SECONDS } from './service.ts';

export const SESSION_COOKIE = 'xf_session';
export const CSRF_COOKIE = 'xf_csrf';

function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string) {
  const secure = process.env.XIANFENG_SECURE_COOKIES === '1';
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_SECONDS });
  // Readable by the web app, which echoes it in the X-CSRF-Token header.
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge: SESSION_TTL_SECONDS });
}

const loginBody = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const authRoutes: RouteSpec[] = [
  route({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Log in with a username or mobile number and a password',
    tags: ['auth'],
    access: 'public',
    body: loginBody,
    async handler({ body, ctx, req, reply }) {
      const session = await login(ctx, body, req.headers['user-agent'] ?? null);
      setSessionCookies(reply, session.token, session.csrfToken);
      req.auth = await loadAuth(ctx.deps, session.token);
      return me({ ...ctx, auth: req.auth });
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'End the current session',
    tags: ['auth'],
    access: 'session',
    async handler({ ctx, req, reply }) {
      await logout(ctx, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return undefined;
    },
  }),
  route({
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The logged-in user, their roles and units',
    tags: ['auth'],
    access: 'session',
    handler: ({ ctx }) => me(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/auth/password',
    summary: 'Change one’s own password',
    tags: ['auth'],
    access: 'session',
    body: changePasswordBody,
    async handler({ body, ctx }) {
      await changePassword(ctx, body);
      return undefined;
    },
  }),
];
