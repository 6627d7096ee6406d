/** The compute worker's implementation, kept apart from the entry so tests can run it without a Worker. */
import { transfer } from 'comlink';
import { frameBuffers } from '../../core/series';
import { AbortRegistry, throwIfAborted, yieldToEventLoop } from '../cancel';
import { database } from '../db-cache';
import { analyzeRequest } from './analyze';
import type { AnalyzeRequest, AnalyzeResult, ComputeApi, FrameRequest, FrameResult } from './api';
import { loadFrame } from './frame-loader';
import { studyApi } from './study/study-api';

const aborts = new AbortRegistry();

/** Compute API implementation. */
export const computeApi: ComputeApi = {
  ...studyApi,

  abortCall(callId) {
    aborts.abort(callId);
  },

  async loadFrame(request: FrameRequest, callId?: number): Promise<FrameResult> {
    try {
      const result = await loadFrame(await database(request.source), request);
      throwIfAborted(aborts.signal(callId));
      return transfer(result, frameBuffers(result.frame));
    } finally {
      aborts.release(callId);
    }
  },

  async analyze(request: AnalyzeRequest, callId?: number): Promise<AnalyzeResult> {
    try {
      const { result, buffers } = await analyzeRequest(request, database);
      throwIfAborted(aborts.signal(callId));
      return transfer(result, buffers);
    } finally {
      aborts.release(callId);
    }
  },

  async spin(ms: number, channel: string, callId?: number): Promise<number> {
    const signal = aborts.signal(callId);
    const ticks = new BroadcastChannel(channel);
    const end = Date.now() + ms;
    let n = 0;
    try {
      while (Date.now() < end) {
        const sliceEnd = Date.now() + 10;
        while (Date.now() < sliceEnd) {
          // busy work: stands in for a long statistics pass
        }
        ticks.postMessage(++n);
        await yieldToEventLoop();
        throwIfAborted(signal);
      }
      return n;
    } finally {
      ticks.close();
      aborts.release(callId);
    }
  },
};
