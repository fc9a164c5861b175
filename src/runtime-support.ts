/**
 * Langium's parser (Chevrotain) calls Object.groupBy, which Node gained in version 21. The
 * package asks for Node 22, but a `vstream` started by an older Node on the PATH, or an editor
 * whose extension host runs an older Node, should still work rather than fail deep inside the
 * parser, so the Node entry points bring the one function it lacks.
 */
type GroupBy = <T, K extends PropertyKey>(
    items: Iterable<T>,
    key: (item: T, index: number) => K
) => Partial<Record<K, T[]>>;

const objectWithGroupBy = Object as unknown as { groupBy?: GroupBy };

if (typeof objectWithGroupBy.groupBy !== 'function') {
    objectWithGroupBy.groupBy = <T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) => {
        const groups = Object.create(null) as Partial<Record<K, T[]>>;
        let index = 0;
        for (const item of items) {
            (groups[key(item, index++)] ??= []).push(item);
        }
        return groups;
    };
}
