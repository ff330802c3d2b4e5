import { defineModel } from '../../model/defineModel.js';
import { simulateTurbineSupply, turbineSupplyFrom, TURBINE_INPUTS } from '../shared/turbineBacklog.js';

/**
 * AI chips shipped vs power newly available to datacenters outside China.
 * demand(m) = c₀·(1 + g_c)^(m/12)·PUE GW of facility power per month;
 * supply(m) = grid₀·(1 + g_g)^(m/12) + share_DC·turbines delivered(m)/(generation per kW IT) GW per month;
 * unpowered(m) = max(0, unpowered(m − 1) + demand(m) − supply(m)), starting from −slack
 * (powered, empty halls absorb chips first), so unpowered > 0 means chips are waiting for power.
 */
export const chipsVsPower = defineModel({
  name: 'chips-vs-power',
  description: 'AI chip power shipped vs new power for datacenters outside China; the stock of unpowered chips',
  inputs: {
    chipPowerShipped: { unit: 'GW/month', description: 'IT power of AI accelerators shipped per month outside China, today' },
    chipGrowth: { unit: '1/yr' },
    pue: { unit: '1' },
    gridPowerForDatacenters: { unit: 'GW/month', description: 'new grid power connected to datacenters per month outside China, today' },
    gridPowerGrowth: { unit: '1/yr' },
    turbineShareToDatacenters: { unit: '1', description: 'share of new gas turbines that power datacenters' },
    peakCoolingOverhead: { unit: '1' },
    maintenanceReserve: { unit: '1' },
    emptyPoweredCapacity: { unit: 'GW', description: 'powered datacenter space not yet filled, today' },
    ...TURBINE_INPUTS,
  },
  series: {
    chipDemand: { unit: 'GW/month', description: 'facility power needed by the chips shipped in the month' },
    powerAdded: { unit: 'GW/month', description: 'new power available to datacenters in the month' },
    unpowered: { unit: 'GW', description: 'chips shipped but not powered (negative: spare powered capacity)' },
    turbineWait: { unit: 'months' },
  },
  scalars: {},
  simulate(t) {
    const x = t.input, s = t.series;
    simulateTurbineSupply(
      turbineSupplyFrom(x),
      t.months,
      s.turbineWait,
      s.powerAdded, // delivered turbine GW per month, converted below
    );
    const generationPerKw = (1 + x.peakCoolingOverhead) * (1 + x.maintenanceReserve);
    const gc = Math.log1p(x.chipGrowth) / 12, gg = Math.log1p(x.gridPowerGrowth) / 12;
    let stock = -x.emptyPoweredCapacity;
    for (let m = 0; m <= t.months; m++) {
      const demand = x.chipPowerShipped * Math.exp(gc * m) * x.pue;
      const added = x.gridPowerForDatacenters * Math.exp(gg * m) + (x.turbineShareToDatacenters * s.powerAdded[m]) / generationPerKw;
      stock = stock + demand - added;
      if (stock < -x.emptyPoweredCapacity) stock = -x.emptyPoweredCapacity; // unused power does not bank beyond the empty halls
      s.chipDemand[m] = demand;
      s.powerAdded[m] = added;
      s.unpowered[m] = stock;
    }
  },
});
