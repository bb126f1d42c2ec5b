import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import { neutraliseCsvText } from '@fleetwatch/common';
import { ExportColumn, ExportValue, toRecord } from './export-datasets';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Flat cells for CSV and XLSX: JSON columns become their JSON text. */
function flat(values: ExportValue[]): (string | number | null)[] {
  return values.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
}

function mapRows(columns: ExportColumn[], map: (values: ExportValue[]) => unknown): Transform {
  return new Transform({
    objectMode: true,
    transform(row: Record<string, unknown>, _encoding, done) {
      done(null, map(toRecord(columns, row)));
    },
  });
}

/**
 * CSV cells as flat() makes them, with text columns made inert for spreadsheets: a tool, model or
 * message is whatever an ingesting client sent, and an admin's export opens everyone's. Number
 * columns are numbers here (a negative value stays numeric); XLSX needs none of this, as it types
 * each cell as text or number itself.
 */
function csvCells(columns: ExportColumn[]): (values: ExportValue[]) => (string | number | null)[] {
  return (values) => flat(values).map((cell, i) => (columns[i].kind === 'text' && typeof cell === 'string' ? neutraliseCsvText(cell) : cell));
}

function csv(columns: ExportColumn[], rows: Readable): Readable {
  const out = stringify({ header: true, columns: columns.map((c) => c.name) });
  return pipeline(rows, mapRows(columns, csvCells(columns)), out, () => undefined);
}

/** A JSON array written element by element, so it never exists whole in memory. */
function json(columns: ExportColumn[], rows: Readable): Readable {
  let first = true;
  const out = new Transform({
    writableObjectMode: true,
    transform(values: ExportValue[], _encoding, done) {
      const item = Object.fromEntries(columns.map((c, i) => [c.name, values[i]]));
      done(null, (first ? '[' : ',') + JSON.stringify(item));
      first = false;
    },
    flush(done) {
      done(null, first ? '[]' : ']');
    },
  });
  return pipeline(
    rows,
    mapRows(columns, (v) => v),
    out,
    () => undefined,
  );
}

function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      stream.off('drain', settle);
      stream.off('close', settle);
      resolve();
    };
    stream.on('drain', settle);
    stream.on('close', settle);
  });
}

/** ExcelJS's streaming writer: each row is committed (zipped out) as soon as it is read. */
function xlsx(columns: ExportColumn[], rows: Readable, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name }));
  const pump = async () => {
    for await (const row of rows) {
      if (out.destroyed) break;
      sheet.addRow(flat(toRecord(columns, row as Record<string, unknown>))).commit();
      if (out.writableNeedDrain) await drainedOrClosed(out);
    }
    if (out.destroyed) return;
    sheet.commit();
    await workbook.commit();
  };
  pump().catch((error: Error) => {
    rows.destroy();
    out.destroy(error);
  });
  return out;
}

export function formatRows(format: ExportFormat, columns: ExportColumn[], rows: Readable, sheetName: string): Readable {
  switch (format) {
    case 'csv':
      return csv(columns, rows);
    case 'json':
      return json(columns, rows);
    case 'xlsx':
      return xlsx(columns, rows, sheetName);
  }
}
