namespace ShapeDnn.Prediction;

/// <summary>The lower-triangular Cholesky factor of a symmetric matrix: the Gaussian process's covariance, the search's correlations.</summary>
internal static class CholeskyFactor
{
    /// <summary>L with L Lᵀ = <paramref name="a"/>; null when <paramref name="a"/> is not positive definite.</summary>
    public static double[,]? Of(double[,] a)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++)
        {
            double sum = a[i, j];
            for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
            if (i == j)
            {
                if (sum <= 0) return null;
                l[i, i] = Math.Sqrt(sum);
            }
            else l[i, j] = sum / l[j, j];
        }
        return l;
    }
}
