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
}

/** The input declarations of the turbine-supply mechanism, spread into every model that uses it. */
export const TURBINE_INPUTS = {
  bladeCapacity: { unit: 'GW/yr', description: 'heavy-duty turbine output the blade casters support today' },
  bladeCapacityGrowth: { unit: '1/yr', description: 'annual growth of casting capacity' },
  turbineOrders: { unit: 'GW/yr', description: 'new turbine orders today' },
  turbineOrderGrowth: { unit: '1/yr', description: 'annual growth of orders' },
  turbineBacklogYears: { unit: 'yr', description: 'order backlog in years of today’s casting capacity' },
  turbineOtherPartsMonths: { unit: 'months', description: 'lead time of the rest of the turbine' },
} as const;

/** The TurbineSupply of a model whose inputs use the shared names (bladeCapacity, turbineOrders, …). */
export function turbineSupplyFrom(x: {
  bladeCapacity: number; bladeCapacityGrowth: number; turbineOrders: number; turbineOrderGrowth: number; turbineBacklogYears: number; turbineOtherPartsMonths: number;
}): TurbineSupply {
  return {
    bladeCapacity: x.bladeCapacity, bladeCapacityGrowth: x.bladeCapacityGrowth, orders: x.turbineOrders,
    orderGrowth: x.turbineOrderGrowth, backlogYears: x.turbineBacklogYears, otherPartsMonths: x.turbineOtherPartsMonths,
  };
}

/**
 * Gas-turbine supply limited by blade and vane casting, month by month.
 *
 * capacity(m) = C₀·(1 + g_c)^(m/12) GW/yr; orders(m) = O₀·(1 + g_o)^(m/12) GW/yr;
 * backlog B(0) = C₀·backlogYears, B(m + 1) = max(0, B(m) + (orders(m) − capacity(m))/12);
 * delivered(m) = (capacity(m) if B(m) > 0, else min(capacity, orders))/12 GW in month m;
 * wait(m) for an order placed in month m = max(otherPartsMonths, 12·B(m)/capacity(m)):
 * the queue ahead of it, cleared at the current casting rate (conservative when
 * capacity grows), or the rest of the turbine if that is longer.
 *
 * Writes wait (months) and delivered (GW in the month) for m = 0…H into the
 * given arrays (length ≥ H + 1).
 */
export function simulateTurbineSupply(p: TurbineSupply, horizon: number, waitOut: Float64Array, deliveredOut: Float64Array): void {
  let backlog = p.bladeCapacity * p.backlogYears;
  const gc = Math.log1p(p.bladeCapacityGrowth) / 12, go = Math.log1p(p.orderGrowth) / 12;
  for (let m = 0; m <= horizon; m++) {
    const capacity = p.bladeCapacity * Math.exp(gc * m);
    const orders = p.orders * Math.exp(go * m);
    const queueMonths = (12 * backlog) / capacity;
    waitOut[m] = queueMonths > p.otherPartsMonths ? queueMonths : p.otherPartsMonths;
    deliveredOut[m] = (backlog > 0 ? capacity : Math.min(capacity, orders)) / 12;
    backlog = Math.max(0, backlog + (orders - capacity) / 12);
  }
}
