import { initBackend } from '/work/wt-13/src/engine/backend'
import { benchmarkSequence } from '/work/wt-13/src/engine/benchmarks'
import { createLearner } from '/work/wt-13/src/engine/learner'
// usage: task0.mts method seed steps tasks json
const [method, seedS, stepsS, tasksS, json, bench] = process.argv.slice(2)
await initBackend()
const seed = Number(seedS)
const seq = benchmarkSequence((bench ?? 'permuted-mnist') as never, Number(tasksS), seed)
const l = createLearner({ method: method as never, seed, config: { ...JSON.parse(json ?? '{}'), steps: Number(stepsS) }, inputShape: seq[0].train.inputShape })
const t0 = Date.now()
const accs: number[] = []
for (let t = 0; t < seq.length; t++) { await l.learnTask(seq[t]); accs.push(l.evaluate(t, seq[t].test)) }
console.log(JSON.stringify({ method, seed, steps: Number(stepsS), cfg: json, accs: accs.map((a) => +a.toFixed(4)), sec: (Date.now() - t0) / 1000 }))
