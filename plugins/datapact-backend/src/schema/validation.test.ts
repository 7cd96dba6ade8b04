import { InputError } from '@backstage/errors';
import {
  createAccessRequestBody,
  lineageQuery,
  listGrantsQuery,
  idParams,
  safeText,
  validate,
} from './validation';

const body = {
  dataset: 'dataset:default/x',
  purpose: 'research',
  justification: 'Why',
  duration: 'P30D',
  acceptedTerms: 'ab'.repeat(32),
};

describe('validate', () => {
  const message = (schema: any, value: unknown, part: any = 'body') => {
    try {
      validate(schema, value, part);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    return undefined;
  };

  it('names the field and what is wrong with it', () => {
    expect(
      message(createAccessRequestBody, { ...body, justification: 'a\u0000' }),
    ).toBe('Invalid body: `justification` must not contain control characters');
    expect(
      message(createAccessRequestBody, { ...body, purpose: 'p'.repeat(101) }),
    ).toBe('Invalid body: `purpose` must be at most 100 characters');
    expect(
      message(createAccessRequestBody, { ...body, duration: 'P300000Y' }),
    ).toBe('Invalid body: `duration` must be at most P10Y (10 years)');
    expect(
      message(createAccessRequestBody, {
        ...body,
        duration: `P${'1'.repeat(294)}D`,
      }),
    ).toBe('Invalid body: `duration` must be at most 64 characters');
    expect(message(listGrantsQuery, { dataset: ['a', 'b'] }, 'query')).toMatch(
      /^Invalid query: `dataset` /,
    );
    expect(
      message(lineageQuery, { entity: 'x', depth: '1\u0000' }, 'query'),
    ).toBe('Invalid query: `depth` must not contain control characters');
    expect(message(idParams, { id: 'a\u0000' }, 'path')).toBe(
      'Invalid path: `id` must be a UUID',
    );
  });

  it('keeps tabs and newlines, and trims where a value may not be empty', () => {
    expect(
      validate(
        createAccessRequestBody,
        { ...body, justification: ' a\tb\r\nc ' },
        'body',
      ).justification,
    ).toBe('a\tb\r\nc');
    expect(
      message(createAccessRequestBody, { ...body, justification: '   ' }),
    ).toBe('Invalid body: `justification` must not be empty');
    expect(validate(safeText(3), '\t\n\r', 'body')).toBe('\t\n\r');
  });
});
