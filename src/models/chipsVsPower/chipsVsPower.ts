import { defineModel } from '../../model/defineModel.js';
import { simulateTurbineSupply, turbineSupplyFrom, TURBINE_INPUTS } from '../mechanisms/turbineBacklog.js';

/**
 * AI chips shipped vs power newly available to datacenters outside China, both in IT power
 * (issue 12 §5: the first version set facility power, IT × PUE, against turbine supply
 * converted to IT power):
 * demand(m) = c₀·(1 + g_c)^(m/12) GW of IT per month;
 * supply(m) = grid₀·(1 + g_g)^(m/12)/PUE + share_DC·turbines delivered(m)/(generation per kW IT) GW of IT per month;
 * unpowered(m) = max(−max(S, 0), unpowered(m − 1) + demand(m) − supply(m)), starting from −S,
 * where S is today's slack: positive, powered empty halls that absorb chips first; negative,
 * chips already waiting for power (Nadella, SOURCES §2f). unpowered > 0 means chips wait for power.
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
    emptyPoweredCapacity: { unit: 'GW', description: 'powered datacenter space not yet filled today, IT power (negative: chips already waiting for power)' },
    ...TURBINE_INPUTS,
  },
  series: {
    chipDemand: { unit: 'GW/month', description: 'IT power of the chips shipped in the month' },
    powerAdded: { unit: 'GW/month', description: 'new IT power available to datacenters in the month' },
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
    const floor = -Math.max(x.emptyPoweredCapacity, 0);
    for (let m = 0; m <= t.months; m++) {
      const demand = x.chipPowerShipped * Math.exp(gc * m);
      const added = (x.gridPowerForDatacenters * Math.exp(gg * m)) / x.pue + (x.turbineShareToDatacenters * s.powerAdded[m]) / generationPerKw;
      stock = stock + demand - added;
      if (stock < floor) stock = floor; // unused power does not bank beyond today's empty halls
      s.chipDemand[m] = demand;
      s.powerAdded[m] = added;
      s.unpowered[m] = stock;
    }
  },
});
