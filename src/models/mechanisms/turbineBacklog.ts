/** Inputs of the gas-turbine supply mechanism (shared by orbital-vs-ground, chips-vs-power and turbine-blades). */
export interface TurbineSupply {
  /** Heavy-duty turbine output the blade and vane casters can support today, GW/yr. */
  bladeCapacity: number;
  /** Annual growth of that casting capacity, 1/yr. */
  bladeCapacityGrowth: number;
  /** New turbine orders today, GW/yr. */
  orders: number;
  /** Annual growth of orders, 1/yr. */
  orderGrowth: number;
  /** Order backlog today, in years of today's casting capacity ("sold out to 2030" ≈ 4). */
  backlogYears: number;
  /** Lead time of everything but blades and vanes, months (the interview: 12–18). */
  otherPartsMonths: number;
  /** Extra annual growth of casting capacity per year by which the wait exceeds the rest of the turbine's lead time, 1/yr per yr (casters expand when sold out). */
  expansionResponse: number;
  /** Months between a long queue and the casting capacity it brings (qualifying a new caster is slow). */
  expansionLagMonths: number;
  /** Elasticity of orders to the wait: orders scale with (wait today / wait now)^ε (buyers defer or turn elsewhere). */
  orderElasticity: number;
}

/** The input declarations of the turbine-supply mechanism, spread into every model that uses it. */
export const TURBINE_INPUTS = {
  bladeCapacity: { unit: 'GW/yr', description: 'heavy-duty turbine output the blade casters support today' },
  bladeCapacityGrowth: { unit: '1/yr', description: 'annual growth of casting capacity' },
  turbineOrders: { unit: 'GW/yr', description: 'new turbine orders today' },
  turbineOrderGrowth: { unit: '1/yr', description: 'annual growth of orders' },
  turbineBacklogYears: { unit: 'yr', description: 'order backlog in years of today’s casting capacity' },
  turbineOtherPartsMonths: { unit: 'months', description: 'lead time of the rest of the turbine' },
  bladeExpansionResponse: { unit: '1/yr per yr', description: 'extra growth of casting capacity per year by which the wait exceeds the rest of the turbine' },
  bladeExpansionLagMonths: { unit: 'months', description: 'lag between a long queue and the casting capacity it brings' },
  turbineOrderElasticity: { unit: '1', description: 'elasticity of new orders to the wait' },
} as const;

/** The TurbineSupply of a model whose inputs use the shared names (bladeCapacity, turbineOrders, …). */
export function turbineSupplyFrom(x: {
  bladeCapacity: number; bladeCapacityGrowth: number; turbineOrders: number; turbineOrderGrowth: number; turbineBacklogYears: number; turbineOtherPartsMonths: number;
  bladeExpansionResponse: number; bladeExpansionLagMonths: number; turbineOrderElasticity: number;
}): TurbineSupply {
  return {
    bladeCapacity: x.bladeCapacity, bladeCapacityGrowth: x.bladeCapacityGrowth, orders: x.turbineOrders,
    orderGrowth: x.turbineOrderGrowth, backlogYears: x.turbineBacklogYears, otherPartsMonths: x.turbineOtherPartsMonths,
    expansionResponse: x.bladeExpansionResponse, expansionLagMonths: x.bladeExpansionLagMonths, orderElasticity: x.turbineOrderElasticity,
  };
}

/**
 * Gas-turbine supply limited by blade and vane casting, month by month, with
 * casters that expand when the queue is long and buyers that respond to the wait.
 *
 * Queue in years q(m) = B(m)/capacity(m); capacity grows at
 * g(m) = g_c + α·max(0, wait(m − lag) − otherPartsMonths)/12 per year (α = expansionResponse:
 * casters add capacity for each year by which the wait they saw `lag` months ago exceeded
 * the rest of the turbine's lead time, i.e. for as long as blades bind; before month `lag`
 * they see today's wait), capacity(m + 1) = capacity(m)·e^(ln(1 + g(m))/12);
 * orders(m) = O₀·(1 + g_o)^(m/12)·(q(0)/q(m))^ε (ε = orderElasticity; q floored at one
 * month); B(0) = C₀·backlogYears, B(m + 1) = max(0, B(m) + (orders(m) − capacity(m))/12);
 * delivered(m) = (capacity(m) if B(m) > 0, else min(capacity, orders))/12 GW in month m;
 * wait(m) for an order placed in month m = max(otherPartsMonths, 12·q(m)).
 * The backlog is an outcome: only today's is an input. With α = ε = 0 this is the
 * first version (fixed capacity growth, orders blind to the queue).
 *
 * Writes wait (months) and delivered (GW in the month) for m = 0…H into the
 * given arrays (length ≥ H + 1).
 *
 * Computed as recurrences, with the month-to-month chain kept short (it is
 * the mechanism's cost: each month waits on the last): the order trend
 * (1 + g_o)^(m/12) is one multiply a month by e^(ln(1 + g_o)/12); the
 * elasticity term (q(0)/q(m))^ε is e^(ε·(ln q(0) − max(ln B(m) − ln C(m), ln(1/12)))),
 * with ln C(m) summed month by month from the same ln(1 + g)/12 that grows
 * the capacity; the backlog moves by (orders − capacity)·(1/12). All equal
 * the direct formulas up to floating-point rounding (test/models/recurrences.test.ts).
 * The capacity factor is recomputed only when the growth changes.
 */
export function simulateTurbineSupply(p: TurbineSupply, horizon: number, waitOut: Float64Array, deliveredOut: Float64Array): void {
  let backlog = p.bladeCapacity * p.backlogYears;
  let capacity = p.bladeCapacity;
  let logCapacity = Math.log(capacity);
  const go = Math.log1p(p.orderGrowth) / 12;
  const trendStep = Math.exp(go);
  const q0 = Math.max(p.backlogYears, 1 / 12);
  const logQ0 = Math.log(q0), logFloor = Math.log(1 / 12);
  const wait0 = Math.max(12 * p.backlogYears, p.otherPartsMonths);
  const lag = Math.max(0, Math.round(p.expansionLagMonths));
  const elasticity = p.orderElasticity, other = p.otherPartsMonths, orders0 = p.orders;
  const baseGrowth = p.bladeCapacityGrowth, response0 = p.expansionResponse;
  let trend = 1;
  // The last growth and its monthly log-step and factor (NaN: none yet, never equal).
  let lastGrowth = NaN, logStep = 0, capacityStep = 1;
  for (let m = 0; m <= horizon; m++) {
    const queueYears = backlog / capacity;
    const queueMonths = 12 * queueYears;
    waitOut[m] = queueMonths > other ? queueMonths : other;
    const seen = m >= lag ? waitOut[m - lag] : wait0;
    const response = elasticity === 0 ? 1 : Math.exp(elasticity * (logQ0 - Math.max(Math.log(backlog) - logCapacity, logFloor)));
    const orders = orders0 * trend * response;
    deliveredOut[m] = (backlog > 0 ? capacity : Math.min(capacity, orders)) / 12;
    backlog = Math.max(0, backlog + (orders - capacity) * (1 / 12));
    const growth = baseGrowth + (response0 * Math.max(0, seen - other)) / 12;
    if (growth !== lastGrowth) (lastGrowth = growth), (logStep = Math.log1p(growth) / 12), (capacityStep = Math.exp(logStep));
    capacity *= capacityStep;
    logCapacity += logStep;
    trend *= trendStep;
  }
}
