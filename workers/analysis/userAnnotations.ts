import { EventKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';

/**
 * runtime/trace user annotations: tasks, regions and logs. Names, categories and messages are
 * indexes into `strings` (the trace's own text, to be shown as text). A task or region open when
 * the trace ends has end NaN; one that began before the trace has start NaN (Go cannot know it).
 */
export interface UserAnnotations {
  strings: string[];
  tasks: {
    id: Float64Array;
    /** Parent task id, -1 = none (as in the model). */
    parent: Float64Array;
    type: Int32Array;
    start: Float64Array;
    end: Float64Array;
  };
  regions: {
    g: Int32Array;
    task: Float64Array;
    type: Int32Array;
    start: Float64Array;
    end: Float64Array;
    /** Nesting depth within its goroutine, 0 = outermost. */
    depth: Int32Array;
  };
  logs: {
    time: Float64Array;
    g: Int32Array;
    task: Float64Array;
    category: Int32Array;
    message: Int32Array;
  };
}

export function userAnnotations(model: TraceModel): UserAnnotations {
  const { kind, arg, count } = model;
  const textIndex = new Map<number, number>();
  const strings: string[] = [];
  const text = (id: number) => {
    let t = textIndex.get(id);
    if (t === undefined) {
      t = strings.push(model.strings[id]) - 1;
      textIndex.set(id, t);
    }
    return t;
  };
  const tasks = { id: [] as number[], parent: [] as number[], type: [] as number[] };
  const taskStart: number[] = [];
  const taskEnd: number[] = [];
  const taskRow = new Map<number, number>();
  const regions = { g: [] as number[], task: [] as number[], type: [] as number[] };
  const regionStart: number[] = [];
  const regionEnd: number[] = [];
  const regionDepth: number[] = [];
  const openRegions = new Map<number, number[]>(); // goroutine -> stack of region rows
  const logs = { time: [] as number[], g: [] as number[], task: [] as number[] };
  const logCategory: number[] = [];
  const logMessage: number[] = [];

  const addTask = (row: number) => {
    const r = tasks.id.push(model.tasks.id[row]) - 1;
    tasks.parent.push(model.tasks.parent[row]);
    tasks.type.push(text(model.tasks.type[row]));
    taskStart.push(NaN);
    taskEnd.push(NaN);
    taskRow.set(model.tasks.id[row], r);
    return r;
  };
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === EventKind.TaskBegin) {
      taskStart[addTask(arg[i])] = eventTime(model, i);
    } else if (k === EventKind.TaskEnd) {
      const r = taskRow.get(model.tasks.id[arg[i]]) ?? addTask(arg[i]);
      taskEnd[r] = eventTime(model, i);
    } else if (k === EventKind.RegionBegin) {
      const g = model.g[i];
      let open = openRegions.get(g);
      if (!open) openRegions.set(g, (open = []));
      regionDepth.push(open.length);
      open.push(regions.g.push(g) - 1);
      regions.task.push(model.regions.task[arg[i]]);
      regions.type.push(text(model.regions.type[arg[i]]));
      regionStart.push(eventTime(model, i));
      regionEnd.push(NaN);
    } else if (k === EventKind.RegionEnd) {
      const open = openRegions.get(model.g[i]);
      const r = open?.pop();
      if (r !== undefined) {
        regionEnd[r] = eventTime(model, i);
      } else {
        // Begun before the trace started.
        regions.g.push(model.g[i]);
        regions.task.push(model.regions.task[arg[i]]);
        regions.type.push(text(model.regions.type[arg[i]]));
        regionStart.push(NaN);
        regionEnd.push(eventTime(model, i));
        regionDepth.push(0);
      }
    } else if (k === EventKind.Log) {
      logs.time.push(eventTime(model, i));
      logs.g.push(model.g[i]);
      logs.task.push(model.logs.task[arg[i]]);
      logCategory.push(text(model.logs.category[arg[i]]));
      logMessage.push(text(model.logs.message[arg[i]]));
    }
  }
  return {
    strings,
    tasks: {
      id: Float64Array.from(tasks.id),
      parent: Float64Array.from(tasks.parent),
      type: Int32Array.from(tasks.type),
      start: Float64Array.from(taskStart),
      end: Float64Array.from(taskEnd),
    },
    regions: {
      g: Int32Array.from(regions.g),
      task: Float64Array.from(regions.task),
      type: Int32Array.from(regions.type),
      start: Float64Array.from(regionStart),
      end: Float64Array.from(regionEnd),
      depth: Int32Array.from(regionDepth),
    },
    logs: {
      time: Float64Array.from(logs.time),
      g: Int32Array.from(logs.g),
      task: Float64Array.from(logs.task),
      category: Int32Array.from(logCategory),
      message: Int32Array.from(logMessage),
    },
  };
}
