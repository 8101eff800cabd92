/** One layer's capture point. */
export interface CapturePoint {
  /** Model layer index. */
  layer: number;
  /** Graph tensor holding the down-projection's input, [batch, positions, d_ff] (or flattened). */
  tensor: string;
  /** The down-projection node that reads it (empty when the user named the tensor). */
  node: string;
}

/** Where activations will be read from, and how that was decided. */
export interface CapturePlan {
  /** One point per model layer, in numeric layer order. */
  points: CapturePoint[];
  /** 'registry': node-name patterns; 'structural': weight shapes; 'user': captureTensors. */
  method: 'registry' | 'structural' | 'user';
}
