/** Types for wink-perceptron 2 (a multi-class averaged perceptron; the package ships none). */
declare module 'wink-perceptron' {
  type Features = Record<string, number>;
  type Example = [Features, { label: string }];
  interface Perceptron {
    defineConfig(config: { shuffleData?: boolean; maxIterations?: number; featureExtractor?: ((example: unknown) => Example[]) | null }): unknown;
    learn(examples: unknown[]): number;
    predict(features: Features): string;
    exportJSON(): string;
    importJSON(json: string): boolean;
    reset(): boolean;
  }
  function perceptron(): Perceptron;
  export = perceptron;
}
