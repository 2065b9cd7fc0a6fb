import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode, maskError } from '../../src/errors.js';

const fromResolver = (original: Error) => new GraphQLError(original.message, { path: ['concerts'], originalError: original });

describe('errors leaving the server', () => {
  it('masks an unexpected error as INTERNAL_SERVER_ERROR without message or stack, and reports it for the log', () => {
    const error = fromResolver(new TypeError('secret detail in a stack'));
    const { formatted, report } = maskError(error.toJSON(), error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['concerts'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(formatted)).not.toContain('secret');
    expect(report?.level).toBe('error');
  });

  it('passes a domain error through with its code and extensions', () => {
    const error = fromResolver(new DomainError(ErrorCode.QUEUE_NOT_ADMITTED, 'Still waiting', { position: 7 }));
    const { formatted, report } = maskError(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: 'QUEUE_NOT_ADMITTED', position: 7 });
    expect(report).toBeUndefined();
  });

  it('turns an unreachable database into SERVICE_UNAVAILABLE', () => {
    const error = fromResolver(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(maskError(error.toJSON(), error).formatted.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
