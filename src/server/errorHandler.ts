import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ArgusError, type ErrorCode, ValidationError } from '../core/errors.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  INPUT_INVALID: 400,
  POLICY_INVALID: 400,
  CONFIG_INVALID: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
};

function pathOf(instancePath: string | undefined, fallback: string): string {
  if (!instancePath) return fallback;
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

/** Every error leaves as `{code, message, hint?, errors?}` so clients can branch on the code. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      path: pathOf(v.instancePath, where),
      message: v.message ?? 'invalid value',
    }));
    reply.code(400).send({
      code: 'INPUT_INVALID',
      message: `the request ${where} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    });
    return;
  }
  if (error instanceof ValidationError) {
    reply.code(STATUS[error.code] ?? 400).send({ ...error.toJSON(), errors: error.issues });
    return;
  }
  if (error instanceof ArgusError) {
    reply.code(STATUS[error.code] ?? 500).send(error.toJSON());
    return;
  }
  if (error.statusCode && error.statusCode < 500) {
    reply.code(error.statusCode).send({ code: error.code ?? 'REQUEST_INVALID', message: error.message });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  reply.code(500).send({ code: 'INTERNAL', message: 'internal error; see the server log' });
}
