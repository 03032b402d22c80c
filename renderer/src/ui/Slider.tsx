import { memo, useId } from 'react';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (value: number) => string;
  onChange: (value: number) => void;
  testId: string;
  hint?: string;
}

/** A labelled range input whose track fills up to the value. */
export const Slider = memo(function Slider({ label, value, min, max, step, format, onChange, testId, hint }: SliderProps) {
  const id = useId();
  const fill = ((value - min) / (max - min)) * 100;
  return (
    <div className="slider" title={hint}>
      <label htmlFor={id} className="slider-label">
        <span>{label}</span>
        <span className="slider-value" data-testid={`${testId}-value`}>
          {format(value)}
        </span>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        data-testid={testId}
        style={{ '--fill': `${fill}%` }}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
    </div>
  );
});
