/** The README written next to an export: what is in the directory and the exact command to run. */
import type { AstraManifest } from './export-files.js';
import type { AstraTraceSet } from './trace-builder.js';

const ms = (x: number): string => `${x.toFixed(3)} ms`;

export function astraReadme(set: AstraTraceSet, manifest: AstraManifest, commandLine: string): string {
  const { plan } = set;
  const lines = [
    `# ASTRA-sim export: ${plan.deployment}, ${plan.point.phase} step`,
    '',
    `Written by \`servescope export-astra\`. One ${plan.point.phase} step of deployment \`${plan.deployment}\``
      + ` (${plan.strategy}) at batch ${plan.point.batch}, context ${plan.point.contextTokens} tokens`
      + (plan.microbatches > 1 ? `, ${plan.microbatches} AFD micro-batches` : '') + '.',
    '',
    '## Run',
    '',
    'With ASTRA-sim built (https://github.com/astra-sim/astra-sim, `./build/astra_analytical/build.sh`),',
    'its analytical binary is `build/astra_analytical/build/bin/AstraSim_Analytical_Congestion_Unaware`',
    '(or `..._Congestion_Aware`). Run:',
    '',
    '```sh',
    commandLine,
    '```',
    '',
    'or let servescope run it and compare: `SERVESCOPE_ASTRA_SIM=/path/to/AstraSim_Analytical_Congestion_Unaware servescope astra FILE ...`.',
    'Each NPU logs `sys[N] finished, T cycles`; the analytical backend counts nanoseconds.',
    '',
    '## Files',
    '',
    `- \`${manifest.prefix}.<rank>.et\`: Chakra execution traces, one per NPU (${manifest.simulatedNpus} NPUs`
      + (manifest.simulatedNpus > manifest.ranks ? `; ranks ${manifest.ranks}..${manifest.simulatedNpus - 1} are idle padding of a partly used network domain` : '') + ').',
    `- \`comm_groups.json\`: process groups (pg_name -> ranks): ${set.groups.labels().map((g) => `${g.id} = ${g.label} [${g.ranks.join(',')}]`).join('; ') || 'none'}.`,
    `- \`network.yml\`: one dimension per interconnect tier: ${set.dims.map((d) => `${d.tier} (${d.topology}, ${d.npus} NPUs, ${d.bandwidthGBps.toFixed(1)} GB/s, ${d.latencyNs.toFixed(0)} ns)`).join(' x ')}.`,
    '- `system.json`: scheduling policy and collective algorithm per dimension; `remote_memory.json`: no memory expansion.',
    '- `servescope.json`: servescope\'s own numbers for this step (per pool step time, per rank compute time).',
    '',
    '## Ranks',
    '',
    '| pool | ranks | engine step time |',
    '|---|---|---|',
    ...manifest.pools.map((p) => `| ${p.role}${p.receiveOnly ? ' (receives only)' : ''} | ${p.firstRank}..${p.firstRank + p.gpus - 1} | ${p.receiveOnly ? '-' : ms(p.stepMs)}${plan.microbatches > 1 && !p.receiveOnly ? ' per micro-batch' : ''} |`),
    '',
    `servescope's time for this step: ${ms(manifest.servescopeStepMs)}`
      + (plan.afd ? ' (the attention/FFN ping-pong pipeline of src/serving over the engine\'s part step times).' : ' (the engine\'s step time of the pool that runs it).'),
    '',
    manifest.roofline
      ? 'Compute nodes carry `num_ops` (FLOPs) and `tensor_size` (HBM bytes); ASTRA-sim times them with its roofline (`roofline-enabled` in system.json).'
      : 'Compute nodes carry the engine\'s own per-operator times (`duration_micros`), so ASTRA-sim adds only what the network does.',
    '',
  ];
  return lines.join('\n');
}
