import { defineModel } from '../../model/defineModel.js';

/**
 * Generation needed for a GB300 fleet:
 * IT(n) = n/72 racks × rack kW × (1 + network, CPU and storage overhead);
 * generation(n) = IT(n) × (1 + peak cooling) × (1 + maintenance reserve).
 */
export const gb300Power = defineModel({
  name: 'gb300-power',
  description: 'IT and generation power for 110,000 and 330,000 GB300 GPUs',
  inputs: {
    rackKw: { unit: 'kW', description: 'GB300 NVL72 rack (72 GPUs) power' },
    networkStorageOverhead: { unit: '1', description: 'networking, CPUs and storage outside the racks, fraction of rack power' },
    peakCoolingOverhead: { unit: '1' },
    maintenanceReserve: { unit: '1' },
  },
  series: {},
  scalars: {
    itPower110k: { unit: 'MW', description: 'IT power of 110,000 GB300 with networking, CPUs and storage' },
    generation330k: { unit: 'GW', description: 'generation for 330,000 GB300 with peak cooling and reserve' },
  },
  simulate(t) {
    const x = t.input;
    const itPerGpuKw = (x.rackKw / 72) * (1 + x.networkStorageOverhead);
    t.scalars.itPower110k = (110_000 * itPerGpuKw) / 1000;
    t.scalars.generation330k = (330_000 * itPerGpuKw * (1 + x.peakCoolingOverhead) * (1 + x.maintenanceReserve)) / 1e6;
  },
});
