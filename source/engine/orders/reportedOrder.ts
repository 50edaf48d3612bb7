// Which of our orders a venue report (a private order or deal push) is about. Reports name our client order
// id; one that carries none is matched by the exchange order id the placement answer or a REST read taught
// us (docs/protocols/mexc.md §5.1, §5.2). A client id that is present decides alone: a report naming another
// client id is not about this order, whatever its exchange id says.
import type {LocalOrder} from './localOrder.js';

export interface OrderReport {
  /** '' when the venue left it out */
  clientOrderId: string;
  /** the exchange's order id; '' when unknown */
  orderId: string;
}

export function reportedOrder(orders: ReadonlyMap<string, LocalOrder>, report: OrderReport): LocalOrder | undefined {
  if (report.clientOrderId !== '') return orders.get(report.clientOrderId);
  if (report.orderId === '') return undefined;
  for (const order of orders.values()) {
    if (order.orderId === report.orderId) return order;
  }
  return undefined;
}
