namespace OrleansBots.Benchmarks;

/// <summary>
/// A key trace: Zipf-distributed requests (rank r drawn with weight 1/r^s) over a shuffled key space,
/// interrupted every <c>scanEvery</c> requests by a sequential scan of <c>scanLength</c> keys that moves
/// on through the key space from scan to scan.
/// </summary>
public static class ZipfTrace
{
    public static int[] Create(int keySpace, int requests, double exponent, int scanEvery, int scanLength, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[keySpace];
        var sum = 0.0;
        for (var rank = 0; rank < keySpace; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }

        // Popularity is not tied to key order, so a scan's keys mix hot and cold ones.
        var keyOfRank = Enumerable.Range(0, keySpace).ToArray();
        random.Shuffle(keyOfRank);

        var trace = new int[requests];
        var scanPosition = 0;
        var i = 0;
        while (i < requests)
        {
            for (var n = 0; n < scanEvery && i < requests; n++)
            {
                var rank = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                trace[i++] = keyOfRank[rank < 0 ? Math.Min(~rank, keySpace - 1) : rank];
            }

            for (var n = 0; n < scanLength && i < requests; n++)
            {
                trace[i++] = scanPosition;
                scanPosition = (scanPosition + 1) % keySpace;
            }
        }

        return trace;
    }
}
