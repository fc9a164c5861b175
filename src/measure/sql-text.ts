/** Text that goes into SQL: names and values from the map and the command line, quoted so that they stay data. */

/** A string literal; SQL escapes a quote by doubling it. */
export function sqlString(text: string): string {
    return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted identifier, for column names a tracker chose ("Issue key", "Changed (UTC)"). */
export function sqlIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
}

/** A number as a DOUBLE literal: a bare `0.25` would be a DECIMAL whose scale the first row of a VALUES list fixes. */
export function sqlDouble(value: number): string {
    if (!Number.isFinite(value)) {
        throw new RangeError(`not a finite number: ${value}`);
    }
    return `CAST(${value} AS DOUBLE)`;
}

export interface SqlColumn {
    name: string;
    type: 'VARCHAR' | 'INTEGER' | 'DOUBLE';
}

/**
 * A small table written into the query: `VALUES` rows, or, when there are none, a typed
 * relation without rows (an empty `VALUES` list is not SQL).
 */
export function sqlTable(columns: SqlColumn[], rows: string[][]): string {
    if (rows.length === 0) {
        return `SELECT ${columns.map(column => `CAST(NULL AS ${column.type}) AS ${column.name}`).join(', ')} WHERE 1 = 0`;
    }
    return `VALUES\n${rows.map(row => `        (${row.join(', ')})`).join(',\n')}`;
}
