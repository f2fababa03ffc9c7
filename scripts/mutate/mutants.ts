export async function runMutants(_o: unknown): Promise<boolean> { return true; }
