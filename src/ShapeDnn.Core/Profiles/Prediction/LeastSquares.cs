namespace ShapeDnn.Profiles.Prediction;

/// <summary>Ridge-regularised linear least squares by the normal equations (few features, few points).</summary>
internal static class LeastSquares
{
    /// <summary>Coefficients minimising ‖X·b − y‖² + ridge·‖b[1..]‖² (the intercept, column 0, is not shrunk).</summary>
    public static double[] Solve(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, double ridge)
    {
        int p = rows[0].Length;
        var a = new double[p, p];
        var b = new double[p];
        for (int r = 0; r < rows.Count; r++)
            for (int i = 0; i < p; i++)
            {
                b[i] += rows[r][i] * targets[r];
                for (int j = 0; j < p; j++) a[i, j] += rows[r][i] * rows[r][j];
            }
        for (int i = 1; i < p; i++) a[i, i] += ridge;
        return GaussianElimination(a, b);
    }

    private static double[] GaussianElimination(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-12) throw new InvalidOperationException("The least-squares system is singular.");
            if (pivot != col)
            {
                for (int c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
