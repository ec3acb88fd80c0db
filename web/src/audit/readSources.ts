import type { SourceFile } from './auditApi.js';

/** The .sol files picked or dropped, read as text; other files are counted, not sent. */
export interface PickedSources {
  files: SourceFile[];
  skipped: number;
}

/**
 * A picked file's path: its place in a picked folder when the browser tells it, else its name. A
 * leading "/" (some browsers give one for dropped folders) is dropped: the server wants relative paths.
 */
function pathOf(file: File, given?: string): string {
  return (given || file.webkitRelativePath || file.name).replace(/^\/+/, '');
}

export async function readPickedFiles(list: FileList | readonly File[]): Promise<PickedSources> {
  const all = [...list];
  const sol = all.filter((f) => f.name.endsWith('.sol'));
  const files = await Promise.all(sol.map(async (f) => ({ path: pathOf(f), content: await f.text() })));
  return { files, skipped: all.length - sol.length };
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries hands out a folder in batches (100 in Chrome) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'cache', 'artifacts', 'out']);

/** Dropped files and folders (walked, dependency and hidden folders skipped, as `argus audit` does). */
export async function readDroppedItems(items: DataTransferItemList): Promise<PickedSources> {
  const roots = [...items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => !!e);
  const found: { file: File; path: string }[] = [];
  let skipped = 0;
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isDirectory) {
      if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) return;
      for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child);
    } else if (entry.name.endsWith('.sol')) {
      found.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath });
    } else {
      skipped++;
    }
  };
  for (const root of roots) await walk(root);
  const files = await Promise.all(
    found.map(async (f) => ({ path: pathOf(f.file, f.path), content: await f.file.text() })),
  );
  return { files, skipped };
}
