// A user model: a solar farm's monthly output and its cumulative revenue.
// Run it with: npx forecast run config/examples/solar-farm.yaml
import { defineModel } from 'forecast-engine';

export default defineModel({
  name: 'solar-farm',
  description: 'Monthly energy of a solar farm with degradation and random outages, and its revenue',
  inputs: {
    capacity: { unit: 'MW', description: 'nameplate capacity' },
    capacityFactor: { unit: '1', description: 'average capacity factor' },
    degradation: { unit: '1/yr', description: 'panel output lost per year' },
    price: { unit: '$/MWh', description: 'power purchase price' },
    outageProbability: { unit: '1/month', description: 'chance that a month has an inverter outage' },
  },
  series: {
    energy: { unit: 'MWh', description: 'energy delivered in the month' },
    revenue: { unit: '$M', description: 'cumulative revenue' },
  },
  scalars: {
    paybackMonth: { unit: 'month', description: 'first month cumulative revenue covers $60M of capex (NaN if never)' },
  },
  simulate(t) {
    const { capacity, capacityFactor, degradation, price, outageProbability } = t.input;
    const hoursPerMonth = 8760 / 12;
    let cumulative = 0;
    let payback = NaN;
    for (let m = 0; m <= t.months; m++) {
      const health = Math.pow(1 - degradation, m / 12);
      // An outage (an event drawn from this trajectory's own stream) halves the month's output.
      const outage = t.random() < outageProbability ? 0.5 : 1;
      const energy = capacity * capacityFactor * hoursPerMonth * health * outage;
      cumulative += (energy * price) / 1e6;
      t.series.energy[m] = energy;
      t.series.revenue[m] = cumulative;
      if (Number.isNaN(payback) && cumulative >= 60) payback = m;
    }
    t.scalars.paybackMonth = payback;
  },
});
