/** Runs `work` over `items` with at most `limit` in flight (community nodes may not depend on p-limit). */
export async function forEachConcurrently<T>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await work(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Runs tasks as they come, at most `limit` at once; `idle()` resolves when all have finished. */
export class Limiter {
	private running = 0;
	private readonly queue: Array<() => Promise<void>> = [];
	private readonly all: Array<Promise<void>> = [];

	constructor(private readonly limit: number) {}

	run(work: () => Promise<void>): void {
		this.all.push(
			new Promise<void>((resolve) => {
				// The work reports its own failures; the limiter only needs to know it ended.
				this.queue.push(async () => await work().then(resolve, resolve));
				this.next();
			}),
		);
	}

	async idle(): Promise<void> {
		while (this.all.length > 0) await Promise.all(this.all.splice(0));
	}

	private next(): void {
		while (this.running < this.limit && this.queue.length > 0) {
			const work = this.queue.shift()!;
			this.running++;
			void work().finally(() => {
				this.running--;
				this.next();
			});
		}
	}
}
