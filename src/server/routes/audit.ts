import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditUnderRoot } from '../../audit/auditUnderRoot.js';
import { auditUploadedSources } from '../../audit/auditUploadedSources.js';
import { expandInputs } from '../../audit/parse/loadSources.js';
import { isInside } from '../../audit/pathInside.js';
import { auditReportRecord } from '../../audit/report/auditReportRecord.js';
import { auditReportView } from '../../audit/report/storedReport.js';
import type { AuditResult } from '../../audit/runAudit.js';
import { ArgusError, NotFoundError } from '../../core/errors.js';
import type { AuditReportOrigin, Store } from '../../store/types.js';
import { IdParams } from '../querySchemas.js';
import { checkScanDirectory, realPathOf } from '../scanRoots.js';
import { ListQuery, ScanBody, UPLOAD_BODY_LIMIT_BYTES, UploadBody } from './auditSchemas.js';

/** A scan reads every file it finds before auditing; a folder with more is named too broadly. */
export const MAX_SCAN_FILES = 2_000;

export interface AuditRouteOptions {
  store: Store;
  /** Absolute folders a scan may read, with everything below; the working directory when empty. */
  scanRoots: readonly string[];
}

/**
 * Smart-contract audit reports: audit uploaded sources or a folder on the server with the real
 * engine, store the report with its code excerpts, and read reports back for the dashboard.
 */
export const auditRoutes: FastifyPluginAsyncZod<AuditRouteOptions> = async (app, { store, scanRoots }) => {
  const save = async (result: AuditResult, origin: AuditReportOrigin, target: string) => {
    const record = auditReportRecord(result, { origin, target, at: Date.now() });
    await store.auditReports.save(record);
    return auditReportView(record);
  };

  app.post(
    '/v1/audit/reports',
    {
      bodyLimit: UPLOAD_BODY_LIMIT_BYTES,
      schema: {
        tags: ['audit'],
        summary: 'Audit uploaded Solidity sources and store the report (201 with findings and excerpts)',
        body: UploadBody,
      },
    },
    async (request, reply) => {
      const { name, files } = request.body;
      const result = await auditUploadedSources(files);
      const target =
        name ?? (files.length === 1 ? (files[0]?.path as string) : `${files.length} uploaded files`);
      return reply.code(201).send(await save(result, 'upload', target));
    },
  );

  app.post(
    '/v1/audit/reports/scan',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit a folder on the server (under audit.scanRoots) and store the report',
        body: ScanBody,
      },
    },
    async (request, reply) => {
      const checked = checkScanDirectory(request.body.directory, scanRoots);
      if (!checked.ok) {
        const code =
          checked.status === 403 ? 'FORBIDDEN' : checked.status === 404 ? 'NOT_FOUND' : 'INPUT_INVALID';
        return reply.code(checked.status).send({ code, message: checked.message, hint: checked.hint });
      }
      const { directory, root } = checked;
      // A link inside the folder must not lead the audit to files outside the scan roots.
      const inRoot = (path: string) => {
        const real = realPathOf(path);
        return real !== undefined && isInside(real, root);
      };
      const files = expandInputs([directory]).files.filter(inRoot);
      if (files.length === 0) {
        throw new ArgusError('INPUT_INVALID', `no .sol files in ${request.body.directory}`, {
          hint: 'node_modules, lib caches and hidden folders are skipped',
        });
      }
      if (files.length > MAX_SCAN_FILES) {
        throw new ArgusError(
          'INPUT_INVALID',
          `${request.body.directory} holds ${files.length} .sol files; a scan audits at most ${MAX_SCAN_FILES}`,
          { hint: 'name the folder of one project, e.g. its contracts/ folder' },
        );
      }
      const result = await auditUnderRoot(directory, files, { isVisible: inRoot });
      return reply.code(201).send(await save(result, 'scan', request.body.name ?? directory));
    },
  );

  app.get(
    '/v1/audit/reports',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit reports newest first, with counts per severity (no findings); cursor pages',
        querystring: ListQuery,
      },
    },
    async (request) => {
      const q = request.query;
      return store.auditReports.list({
        ...(q.origin ? { origin: q.origin } : {}),
        ...(q.target !== undefined ? { target: q.target } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  );

  app.get(
    '/v1/audit/reports/:id',
    {
      schema: {
        tags: ['audit'],
        summary: 'One audit report: findings most severe first, each with its code excerpt',
        params: IdParams,
      },
    },
    async (request) => {
      const record = await store.auditReports.get(request.params.id);
      if (!record) throw new NotFoundError('audit report', request.params.id);
      return auditReportView(record);
    },
  );

  app.delete(
    '/v1/audit/reports/:id',
    { schema: { tags: ['audit'], summary: 'Delete an audit report', params: IdParams } },
    async (request, reply) => {
      if (!(await store.auditReports.remove(request.params.id))) {
        throw new NotFoundError('audit report', request.params.id);
      }
      return reply.code(204).send();
    },
  );
};
