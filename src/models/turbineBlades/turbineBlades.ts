import { defineModel } from '../../model/defineModel.js';
import { simulateTurbineSupply, turbineSupplyFrom, TURBINE_INPUTS } from '../mechanisms/turbineBacklog.js';

/**
 * Gas-turbine supply limited by blade and vane casting (see mechanisms/turbineBacklog.ts):
 * the wait for a turbine ordered in month m, deliveries per year, and the
 * datacenter IT power those deliveries can carry:
 * dcPower(m) = 12·delivered(m)·share_DC/((1 + peak cooling)(1 + reserve)) GW/yr.
 */
export const turbineBlades = defineModel({
  name: 'turbine-blades',
  description: 'Gas turbines deliverable per year under the blade-casting bottleneck, the wait for a new order, and the datacenter power they add',
  inputs: {
    ...TURBINE_INPUTS,
    turbineShareToDatacenters: { unit: '1' },
    peakCoolingOverhead: { unit: '1' },
    maintenanceReserve: { unit: '1' },
  },
  series: {
    turbineWait: { unit: 'months', description: 'wait for a turbine ordered in month m' },
    deliveriesPerYear: { unit: 'GW/yr', description: 'turbine output delivered, annualized' },
    datacenterPowerPerYear: { unit: 'GW/yr', description: 'datacenter IT power the deliveries can carry, annualized' },
  },
  scalars: {
    datacenterPowerTo2030: { unit: 'GW', description: 'IT power added to datacenters by new turbines, Feb 2026 to Dec 2030' },
  },
  simulate(t) {
    const x = t.input, s = t.series;
    simulateTurbineSupply(
      turbineSupplyFrom(x),
      t.months,
      s.turbineWait,
      s.deliveriesPerYear,
    );
    const perKw = (1 + x.peakCoolingOverhead) * (1 + x.maintenanceReserve);
    let to2030 = 0;
    for (let m = 0; m <= t.months; m++) {
      const monthly = s.deliveriesPerYear[m];
      s.deliveriesPerYear[m] = 12 * monthly;
      s.datacenterPowerPerYear[m] = (12 * monthly * x.turbineShareToDatacenters) / perKw;
      if (m <= 58) to2030 += (monthly * x.turbineShareToDatacenters) / perKw;
    }
    t.scalars.datacenterPowerTo2030 = to2030;
  },
});
